import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { type AuditEntry, chainHash, GENESIS_HASH } from './audit-chain.js';
import { AuditEventEntity } from './audit-event.entity.js';

export type AuditOutcome = 'success' | 'failure' | 'refused';

export interface AuditEventInput {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectId?: string | null;
  outcome: AuditOutcome;
}

export type ChainVerification =
  | { intact: true; events: number }
  | { intact: false; events: number; brokenAt: { seq: string; id: string; reason: string } };

// The event waits in audit_pending until COMMIT, where a deferred trigger links it into the chain
// under the chain's lock (migration 1764400000000): no request holds that lock across a round trip.
// verifyChain recomputes the same hash here, in Node.
const INSERT_PENDING = `INSERT INTO audit_pending (id, occurred_at, actor_id, actor_role, action, subject_id, outcome)`;

/** The values of one new event, in INSERT_PENDING's column order. */
function pendingValues(input: AuditEventInput): (string | null)[] {
  return [
    randomUUID(),
    new Date().toISOString(),
    input.actorId,
    input.actorRole,
    input.action,
    input.subjectId ?? null,
    input.outcome,
  ];
}

@Injectable()
export class AuditService {
  /**
   * Appends one event inside the caller's transaction, so it commits or rolls back with the action.
   * It is linked into the chain when that transaction commits; a transaction that is never
   * committed leaves nothing.
   */
  async append(manager: EntityManager, input: AuditEventInput): Promise<void> {
    await manager.query(`${INSERT_PENDING} VALUES ($1, $2, $3, $4, $5, $6, $7)`, pendingValues(input));
  }

  /**
   * The same event as SQL text for CoachTransactions to send in one message with COMMIT (one round
   * trip fewer on every audited request; the extended protocol that carries parameters cannot put
   * two statements in one message). Every value is quoted by pg's escapeLiteral, whatever it holds.
   */
  appendStatement(input: AuditEventInput): string {
    const values = pendingValues(input).map((value) => (value === null ? 'NULL' : pg.escapeLiteral(value)));
    return `${INSERT_PENDING} VALUES (${values.join(', ')})`;
  }

  /** Recomputes the whole chain in order and names the first event whose link does not hold. */
  async verifyChain(
    manager: EntityManager,
    batchSize = 1000,
    onProgress: (checked: number) => void = () => {},
  ): Promise<ChainVerification> {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1n;
    let events = 0;
    for (;;) {
      const rows = await manager
        .createQueryBuilder(AuditEventEntity, 'event')
        .where('event.seq >= :from', { from: expectedSeq.toString() })
        .orderBy('event.seq', 'ASC')
        .limit(batchSize)
        .getMany();
      if (rows.length === 0) return { intact: true, events };
      onProgress(events + rows.length);
      for (const row of rows) {
        const broken = (reason: string): ChainVerification => ({
          intact: false,
          events,
          brokenAt: { seq: row.seq, id: row.id, reason },
        });
        if (BigInt(row.seq) !== expectedSeq) return broken(`expected event ${expectedSeq}, found ${row.seq}`);
        if (row.prevHash !== prevHash) return broken('its previous-hash does not match the event before it');
        if (chainHash(prevHash, toEntry(row)) !== row.entryHash) return broken('its content does not match its hash');
        prevHash = row.entryHash;
        expectedSeq += 1n;
        events += 1;
      }
    }
  }
}

function toEntry(row: AuditEventEntity): AuditEntry {
  return {
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorRole: row.actorRole,
    action: row.action,
    subjectId: row.subjectId,
    outcome: row.outcome,
  };
}
