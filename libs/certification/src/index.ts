// The public surface of #haven/certification. Everything else in this folder is private.
export { CertificationModule, CertificationHttpModule } from './certification.module.js';
export { CertificationJobsModule } from './certification-jobs.module.js';
export { CoachStanding } from './coach-standing.js';
export { RenewalSweepService } from './sweep/renewal-sweep.service.js';
export {
  CERTIFICATION_QUEUE,
  RENEWAL_SWEEP,
  renewalSweepJobId,
  type CertificationJobPayloads,
  type SweepOutcome,
} from './jobs/certification.queue.js';
export { DAILY_RENEWAL_SWEEP_SCHEDULE } from './jobs/renewal-sweep.job.js';
