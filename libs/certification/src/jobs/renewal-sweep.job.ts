import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobSchedule } from '#haven/platform';
import { RenewalSweepService } from '../sweep/renewal-sweep.service.js';
import { todayUtc } from '../today-utc.js';
import {
  CERTIFICATION_QUEUE,
  type CertificationJobPayloads,
  RENEWAL_SWEEP,
  type SweepOutcome,
} from './certification.queue.js';

/** Daily, 01:00 UTC: the day's reminders go out before coaches start work in most timezones. */
export const DAILY_RENEWAL_SWEEP_SCHEDULE: JobSchedule<CertificationJobPayloads[typeof RENEWAL_SWEEP]> = {
  queue: CERTIFICATION_QUEUE,
  schedulerId: 'daily-renewal-sweep',
  pattern: '0 1 * * *',
  job: { name: RENEWAL_SWEEP, data: { requestedBy: 'schedule' } },
};

/**
 * Sweeps one worker runs at once. Sweeps of the same day share the work (SKIP LOCKED) and never
 * double it (claims), so a replayed day or several days replayed run side by side.
 */
export const SWEEP_CONCURRENCY = 10;

/**
 * The renewal sweep (CERT_REMINDERS): safe to run twice, at once, or again after a crash; its
 * progress (reminders and lapses so far) is the job's progress, which `cli renewals:sweep` prints.
 */
@Processor(CERTIFICATION_QUEUE, { concurrency: SWEEP_CONCURRENCY })
export class RenewalSweepJob extends WorkerHost {
  private readonly logger = new Logger(RenewalSweepJob.name);

  constructor(private readonly sweep: RenewalSweepService) {
    super();
  }

  async process(job: Job<CertificationJobPayloads[typeof RENEWAL_SWEEP]>): Promise<SweepOutcome> {
    const asOf = job.data.asOf ?? todayUtc();
    const outcome = await this.sweep.run(asOf, (progress) => job.updateProgress({ ...progress }));
    this.logger.log(
      `renewal sweep as of ${asOf}: ${outcome.reminders} reminders, ${outcome.lapses} lapses (job ${job.id})`,
    );
    return outcome;
  }
}
