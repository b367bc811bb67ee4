import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CertificationModule } from './certification.module.js';
import { CERTIFICATION_QUEUE } from './jobs/certification.queue.js';
import { DAILY_RENEWAL_SWEEP_SCHEDULE, RenewalSweepJob } from './jobs/renewal-sweep.job.js';

/** The worker side of certification: its queue, the sweep, and the sweep's daily schedule. */
@Module({
  imports: [CertificationModule, BullModule.registerQueue({ name: CERTIFICATION_QUEUE })],
  providers: [RenewalSweepJob],
})
export class CertificationJobsModule {
  static readonly schedules = [DAILY_RENEWAL_SWEEP_SCHEDULE];
}
