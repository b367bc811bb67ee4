import { AuditJobsModule } from '#haven/audit';
import { MailJobsModule } from '#haven/mail';
import { CertificationJobsModule } from '#haven/certification';
import type { JobsModule } from '#haven/platform';
import { ReleasesJobsModule } from '#haven/releases';
import { ReferralsJobsModule } from '#haven/referrals';

/**
 * Every feature's jobs module: the worker imports them all, and `cli schedules:sync` upserts the
 * schedules they declare. A feature with jobs adds its module here, and only here.
 */
export const JOBS_MODULES: readonly JobsModule[] = [
  AuditJobsModule,
  MailJobsModule,
  ReleasesJobsModule,
  ReferralsJobsModule,
  CertificationJobsModule,
];
