import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { Queries } from '#haven/audit';
import type { ClientKeyRow } from '#haven/clients';
import { keysetPage, keysetPageSql, type PageRequest } from '#haven/platform';
import { SessionRecordVersionEntity } from './session-record-version.entity.js';
import { SessionRecordEntity } from './session-record.entity.js';

/** A session with the number of its latest version. */
export interface SessionRow {
  id: string;
  clientId: string;
  seq: string;
  factsEnc: string;
  createdAt: Date;
  version: number;
}

/** A session with its latest version's content and its client's key, for reading one record. */
export interface SessionWithLatestVersion extends SessionRow {
  notesEnc: string;
  versionCreatedAt: Date;
  /** The client's key is null once the client was deleted (crypto-shredded). */
  client: ClientKeyRow;
}

interface RawLatestVersion {
  notes_enc: string;
  version_created_at: Date;
}

interface RawClientKey {
  client_status: ClientKeyRow['status'];
  client_wrapped_key: string | null;
}

interface RawSessionRow {
  id: string;
  client_id: string;
  seq: string;
  facts_enc: string;
  created_at: Date;
  version: number;
}

/** Named queries over session records and their versions. Only inserts: the tables are append-only. */
@Injectable()
export class RecordsRepository {
  /** A new session and its version 1 (notes, no reason), in one statement: recording is the hot path. */
  async insertSessionWithFirstVersion(
    db: Queries,
    session: Omit<SessionRecordEntity, 'seq'>,
    notesEnc: string,
  ): Promise<void> {
    await db.query(
      `WITH session AS (
         INSERT INTO session_records (id, coach_id, client_id, facts_enc, created_at) VALUES ($1, $2, $3, $4, $5)
       )
       INSERT INTO session_record_versions (session_id, version, coach_id, notes_enc, reason_enc, created_at)
       VALUES ($1, 1, $2, $6, NULL, $5)`,
      [session.id, session.coachId, session.clientId, session.factsEnc, session.createdAt, notesEnc],
    );
  }

  async insertVersion(db: Queries, version: SessionRecordVersionEntity): Promise<void> {
    await db.insert(SessionRecordVersionEntity, version);
  }

  async findWithLatestVersion(
    db: Queries,
    coachId: string,
    sessionId: string,
  ): Promise<SessionWithLatestVersion | null> {
    const [row] = await db.query<RawSessionRow & RawLatestVersion & RawClientKey>(
      `SELECT s.id, s.client_id, s.seq, s.facts_enc, s.created_at,
              v.version, v.notes_enc, v.created_at AS version_created_at,
              c.status AS client_status, CASE WHEN c.deleted_at IS NULL THEN c.wrapped_key END AS client_wrapped_key
         FROM session_records s
         JOIN LATERAL (SELECT version, notes_enc, created_at FROM session_record_versions
                        WHERE session_id = s.id ORDER BY version DESC LIMIT 1) v ON true
         JOIN clients c ON c.id = s.client_id
        WHERE s.id = $1 AND s.coach_id = $2`,
      [sessionId, coachId],
    );
    if (!row) return null;
    return {
      ...toSessionRow(row),
      notesEnc: row.notes_enc,
      versionCreatedAt: row.version_created_at,
      client: { id: row.client_id, status: row.client_status, wrappedKey: row.client_wrapped_key },
    };
  }

  findSession(db: Queries, coachId: string, sessionId: string): Promise<SessionRecordEntity | null> {
    return db.findOne(SessionRecordEntity, { id: sessionId, coachId });
  }

  /** Newest recorded first. */
  async pageByClient(db: Queries, clientId: string, page: PageRequest): Promise<SessionRow[]> {
    const newestFirst = keysetPageSql('s.seq', { order: 'DESC', table: 'session_records' }, page, 2);
    const rows = await db.query<RawSessionRow>(
      `SELECT s.id, s.client_id, s.seq, s.facts_enc, s.created_at,
              (SELECT max(version) FROM session_record_versions WHERE session_id = s.id) AS version
         FROM session_records s
        WHERE s.client_id = $1 ${newestFirst.sql}`,
      [clientId, ...newestFirst.parameters],
    );
    return rows.map(toSessionRow);
  }

  /** Serialises amendments of one session, so two at once get consecutive version numbers. */
  async lockForAmendment(db: Queries, sessionId: string): Promise<void> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtextextended('session-record-amendment:' || $1, 0))`, [sessionId]);
  }

  async latestVersionNumber(db: Queries, sessionId: string): Promise<number> {
    const [row] = await db.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM session_record_versions WHERE session_id = $1`,
      [sessionId],
    );
    return row?.version ?? 0;
  }

  /** Oldest first. */
  pageVersions(db: Queries, sessionId: string, page: PageRequest): Promise<SessionRecordVersionEntity[]> {
    return db.find(
      SessionRecordVersionEntity,
      keysetPage<SessionRecordVersionEntity>({ sessionId }, { key: 'version', order: 'ASC' }, page),
    );
  }

  /** Every session of a client, oldest first, with every version (the export). */
  async findAllByClientWithVersions(
    db: Queries,
    clientId: string,
  ): Promise<{ session: SessionRecordEntity; versions: SessionRecordVersionEntity[] }[]> {
    const sessions = await db.find(SessionRecordEntity, { where: { clientId }, order: { seq: 'ASC' } });
    if (sessions.length === 0) return [];
    const versions = await db.find(SessionRecordVersionEntity, {
      where: { sessionId: In(sessions.map((session) => session.id)) },
      order: { version: 'ASC' },
    });
    const bySession = new Map<string, SessionRecordVersionEntity[]>();
    for (const version of versions)
      bySession.set(version.sessionId, [...(bySession.get(version.sessionId) ?? []), version]);
    return sessions.map((session) => ({ session, versions: bySession.get(session.id) ?? [] }));
  }

  /** The facts of every session of the coach (reports across clients). */
  findAllFactsByCoach(
    db: Queries,
    coachId: string,
  ): Promise<Pick<SessionRecordEntity, 'id' | 'clientId' | 'factsEnc'>[]> {
    return db.find(SessionRecordEntity, {
      select: { id: true, clientId: true, factsEnc: true },
      where: { coachId },
    });
  }
}

function toSessionRow(row: RawSessionRow): SessionRow {
  return {
    id: row.id,
    clientId: row.client_id,
    seq: row.seq,
    factsEnc: row.facts_enc,
    createdAt: row.created_at,
    version: Number(row.version),
  };
}
