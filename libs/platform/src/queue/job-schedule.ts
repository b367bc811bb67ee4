import type { Type } from '@nestjs/common';

/**
 * A job a feature runs on a cron pattern (UTC). Declared beside its job, in the feature that owns
 * the queue; upserted by `cli schedules:sync`, never by each process at boot.
 */
export interface JobSchedule<Data = unknown> {
  queue: string;
  schedulerId: string;
  pattern: string;
  job: { name: string; data: Data };
}

/**
 * A feature's worker-side module: it registers its queue and processors, and says which of its
 * jobs run on a schedule. The worker imports these modules; `schedules:sync` asks the same ones.
 */
export type JobsModule = Type<unknown> & { readonly schedules: readonly JobSchedule[] };
