import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from './audit.module.js';
import { AUDIT_QUEUE } from './jobs/audit.queue.js';
import { VERIFY_AUDIT_CHAIN_SCHEDULE, VerifyAuditChainJob } from './jobs/verify-chain.job.js';

/** The worker side of the audit trail: its queue, its job, and the job's nightly schedule. */
@Module({
  imports: [AuditModule, BullModule.registerQueue({ name: AUDIT_QUEUE })],
  providers: [VerifyAuditChainJob],
})
export class AuditJobsModule {
  static readonly schedules = [VERIFY_AUDIT_CHAIN_SCHEDULE];
}
