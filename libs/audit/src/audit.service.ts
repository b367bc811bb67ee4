import { Injectable } from '@nestjs/common';
import { MoreThanOrEqual } from 'typeorm';
import { type AuditEntry, chainHash, GENESIS_HASH } from './audit-chain.js';
import type { AuditEventInput } from './audit-event-input.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { auditInsert } from './transactions/audit-statement.js';
import type { Queries } from './transactions/queries.js';

/** Anything that runs one parameterised statement: a transaction handle, or a pg/TypeORM connection. */
export interface SqlRunner {
  query(sql: string, parameters: unknown[]): Promise<unknown>;
}

export type { AuditEventInput, AuditOutcome } from './audit-event-input.js';

export type ChainVerification =
  | { intact: true; events: number }
  | { intact: false; events: number; brokenAt: { seq: string; id: string; reason: string } };

@Injectable()
export class AuditService {
  /**
   * Appends one event with a statement of its own, in the caller's transaction if there is one, so
   * it commits or rolls back with the action. It is linked into the chain when that transaction
   * commits; a transaction that is never committed leaves nothing. (Transaction handles have
   * `appendAudit` and `auditOnCommit`; this is for code that holds a plain connection.)
   */
  async append(db: SqlRunner, input: AuditEventInput): Promise<void> {
    const { sql, parameters } = auditInsert(input);
    await db.query(sql, parameters);
  }

  /** Recomputes the whole chain in order and names the first event whose link does not hold. */
  async verifyChain(
    db: Pick<Queries, 'find'>,
    batchSize = 1000,
    onProgress: (checked: number) => void = () => {},
  ): Promise<ChainVerification> {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1n;
    let events = 0;
    for (;;) {
      const rows = await db.find(AuditEventEntity, {
        where: { seq: MoreThanOrEqual(expectedSeq.toString()) },
        order: { seq: 'ASC' },
        take: batchSize,
      });
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
