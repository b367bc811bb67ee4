import { Injectable } from '@nestjs/common';
import { MoreThanOrEqual } from 'typeorm';
import { type AuditEntry, chainHash, GENESIS_HASH } from './audit-chain.js';
import { AuditEventEntity } from './audit-event.entity.js';
import type { Queries } from './transactions/queries.js';

export type { AuditEventInput, AuditOutcome } from './audit-event-input.js';

export type ChainVerification =
  | { intact: true; events: number }
  | { intact: false; events: number; brokenAt: { seq: string; id: string; reason: string } };

@Injectable()
export class AuditService {
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
