// The public surface of #haven/referrals. Everything else in this folder is private.
export { ReferralsModule, ReferralsHttpModule } from './referrals.module.js';
export { ReferralsJobsModule } from './referrals-jobs.module.js';
export { RevettingSweep, type RevettingReminder, type RevettingSweepResult } from './revetting-sweep.js';
export {
  REFERRALS_QUEUE,
  REVETTING_SWEEP,
  REVETTING_SWEEP_SCHEDULE,
  type ReferralsJobPayloads,
} from './jobs/referrals.queue.js';
