import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import type { Queries } from '#haven/audit';
import type { ClientKeyRow } from './client-access.js';
import { ClientRowsRepository } from './client-rows.repository.js';
import { FollowUpEntity } from './follow-up.entity.js';

/** A live client's key with its open follow-ups: what recording a session starts from. */
export interface ClientWithOpenFollowUps {
  client: ClientKeyRow;
  openFollowUps: FollowUpEntity[];
}

interface ClientFollowUpRow {
  id: string;
  status: ClientKeyRow['status'];
  wrapped_key: string | null;
  follow_up_id: string | null;
  follow_up_seq: string | null;
  opened_by_session_id: string | null;
  kind_enc: string | null;
  opened_at: Date | null;
}

@Injectable()
export class FollowUpsRepository extends ClientRowsRepository<FollowUpEntity> {
  constructor() {
    super(FollowUpEntity, 'client_follow_ups');
  }

  /**
   * The client and its open follow-ups (oldest first) in one query: one row per open follow-up, or
   * one row with no follow-up. Null for an unknown, foreign or deleted client.
   */
  async findLiveClientWithOpenFollowUps(
    db: Queries,
    coachId: string,
    clientId: string,
  ): Promise<ClientWithOpenFollowUps | null> {
    const rows = await db.query<ClientFollowUpRow>(
      `SELECT c.id, c.status, c.wrapped_key,
              f.id AS follow_up_id, f.seq AS follow_up_seq, f.opened_by_session_id, f.kind_enc, f.created_at AS opened_at
         FROM clients c
         LEFT JOIN client_follow_ups f ON f.client_id = c.id AND f.addressed_at IS NULL
        WHERE c.id = $1 AND c.coach_id = $2 AND c.deleted_at IS NULL
        ORDER BY f.seq`,
      [clientId, coachId],
    );
    if (rows.length === 0) return null;
    const [first] = rows;
    return {
      client: { id: first.id, status: first.status, wrappedKey: first.wrapped_key },
      openFollowUps: rows
        .filter((row) => row.follow_up_id !== null)
        .map((row) => ({
          id: row.follow_up_id!,
          seq: row.follow_up_seq!,
          coachId,
          clientId: first.id,
          openedBySessionId: row.opened_by_session_id!,
          kindEnc: row.kind_enc!,
          createdAt: row.opened_at!,
          addressedAt: null,
          addressedBySessionId: null,
          addressedNoteEnc: null,
        })),
    };
  }

  /** Oldest first: the order they were opened in. */
  findOpenByClient(db: Queries, clientId: string): Promise<FollowUpEntity[]> {
    return db.find(FollowUpEntity, { where: { clientId, addressedAt: IsNull() }, order: { seq: 'ASC' } });
  }

  findByIds(db: Queries, clientId: string, ids: string[]): Promise<FollowUpEntity[]> {
    return db.find(FollowUpEntity, { where: { clientId, id: In(ids) } });
  }

  /**
   * Marks the given follow-ups addressed by a session, in one statement, unless they already were;
   * returns the ids it marked.
   */
  async markAddressedBySession(db: Queries, ids: string[], at: Date, sessionId: string): Promise<Set<string>> {
    const rows = await db.query<{ id: string }>(
      `UPDATE client_follow_ups SET addressed_at = $1, addressed_by_session_id = $2
        WHERE id = ANY($3::uuid[]) AND addressed_at IS NULL
        RETURNING id`,
      [at, sessionId, ids],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Marks one follow-up addressed unless it already was; false when it was not open. */
  async markAddressed(
    db: Queries,
    id: string,
    addressed: { at: Date; bySessionId: string | null; noteEnc: string | null },
  ): Promise<boolean> {
    const updated = await db.update(
      FollowUpEntity,
      { id, addressedAt: IsNull() },
      { addressedAt: addressed.at, addressedBySessionId: addressed.bySessionId, addressedNoteEnc: addressed.noteEnc },
    );
    return updated === 1;
  }
}
