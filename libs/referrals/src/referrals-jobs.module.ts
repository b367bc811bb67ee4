import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { REFERRALS_QUEUE, REVETTING_SWEEP_SCHEDULE } from './jobs/referrals.queue.js';
import { RevettingSweepJob } from './jobs/revetting-sweep.job.js';
import { ReferralsModule } from './referrals.module.js';

/** The worker side of referrals: the daily re-vetting sweep. */
@Module({
  imports: [ReferralsModule, BullModule.registerQueue({ name: REFERRALS_QUEUE })],
  providers: [RevettingSweepJob],
})
export class ReferralsJobsModule {
  static readonly schedules = [REVETTING_SWEEP_SCHEDULE];
}
