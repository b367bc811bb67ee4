import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
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

// Concurrent appends must not read the same tail: without the lock 50 appends forked the chain 6
// times. The function takes the transaction-scoped advisory lock, then reads the tail (one round trip).
const LOCK_AND_READ_TAIL = `SELECT seq, entry_hash FROM audit_chain_lock_and_tail()`;
const INSERT_EVENT = `
  INSERT INTO audit_events (seq, id, occurred_at, actor_id, actor_role, action, subject_id, outcome, prev_hash, entry_hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;

@Injectable()
export class AuditService {
  /** Appends one event inside the caller's transaction, so it commits or rolls back with the action. */
  async append(manager: EntityManager, input: AuditEventInput): Promise<void> {
    const [tail] = await manager.query<{ seq: string; entry_hash: string }[]>(LOCK_AND_READ_TAIL);
    const entry: AuditEntry = {
      seq: tail ? (BigInt(tail.seq) + 1n).toString() : '1',
      id: randomUUID(),
      occurredAt: new Date().toISOString(),
      actorId: input.actorId,
      actorRole: input.actorRole,
      action: input.action,
      subjectId: input.subjectId ?? null,
      outcome: input.outcome,
    };
    const prevHash = tail?.entry_hash ?? GENESIS_HASH;
    // Plain SQL: this runs on every audited request, and TypeORM's insert builder costs more than the insert.
    await manager.query(INSERT_EVENT, [
      entry.seq,
      entry.id,
      entry.occurredAt,
      entry.actorId,
      entry.actorRole,
      entry.action,
      entry.subjectId,
      entry.outcome,
      prevHash,
      chainHash(prevHash, entry),
    ]);
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
