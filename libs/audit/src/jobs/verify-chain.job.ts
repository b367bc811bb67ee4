import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobSchedule } from '#haven/platform';
import { AuditService, type ChainVerification } from '../audit.service.js';
import { Transactions } from '../transactions/transactions.js';
import { AUDIT_QUEUE, type AuditJobPayloads, VERIFY_AUDIT_CHAIN } from './audit.queue.js';

/** Nightly, 03:00 UTC. */
export const VERIFY_AUDIT_CHAIN_SCHEDULE: JobSchedule<AuditJobPayloads[typeof VERIFY_AUDIT_CHAIN]> = {
  queue: AUDIT_QUEUE,
  schedulerId: 'nightly-verify-audit-chain',
  pattern: '0 3 * * *',
  job: { name: VERIFY_AUDIT_CHAIN, data: { requestedBy: 'schedule' } },
};

/** Recomputes the audit hash chain and reports the first broken link. Read-only: safe to run twice. */
@Processor(AUDIT_QUEUE)
export class VerifyAuditChainJob extends WorkerHost {
  private readonly logger = new Logger(VerifyAuditChainJob.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {
    super();
  }

  async process(job: Job<AuditJobPayloads[typeof VERIFY_AUDIT_CHAIN]>): Promise<ChainVerification> {
    const result = await this.transactions.transactionWithoutCoach((tx) => this.audit.verifyChain(tx));
    if (result.intact) {
      this.logger.log(`audit chain intact: ${result.events} events (job ${job.id})`);
    } else {
      this.logger.error(
        `audit chain broken at event ${result.brokenAt.seq} (${result.brokenAt.id}): ${result.brokenAt.reason}`,
      );
    }
    return result;
  }
}
