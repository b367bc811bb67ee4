import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, type JobPayloads, QueueName } from '#haven/platform';
import { AuditService, type ChainVerification } from '../audit.service.js';
import { Transactions } from '../transactions/transactions.js';

/** Nightly, 03:00 UTC. Upserted by `cli schedules:sync`, never by each process at boot. */
export const VERIFY_AUDIT_CHAIN_SCHEDULE = {
  schedulerId: 'nightly-verify-audit-chain',
  pattern: '0 3 * * *',
  job: {
    name: JobName.VERIFY_AUDIT_CHAIN,
    data: { requestedBy: 'schedule' } satisfies JobPayloads[JobName.VERIFY_AUDIT_CHAIN],
  },
} as const;

/** Recomputes the audit hash chain and reports the first broken link. Read-only: safe to run twice. */
@Processor(QueueName.AUDIT)
export class VerifyAuditChainJob extends WorkerHost {
  private readonly logger = new Logger(VerifyAuditChainJob.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {
    super();
  }

  async process(job: Job<JobPayloads[JobName.VERIFY_AUDIT_CHAIN]>): Promise<ChainVerification> {
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
