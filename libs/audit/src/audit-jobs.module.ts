import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '#haven/platform';
import { AuditModule } from './audit.module.js';
import { VerifyAuditChainJob } from './jobs/verify-chain.job.js';

/** The worker side of the audit trail. */
@Module({
  imports: [AuditModule, BullModule.registerQueue({ name: QueueName.AUDIT })],
  providers: [VerifyAuditChainJob],
})
export class AuditJobsModule {}
