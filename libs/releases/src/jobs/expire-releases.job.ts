import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Transactions } from '#haven/audit';
import type { JobSchedule } from '#haven/platform';
import { sealStep } from '../release.mapper.js';
import { ReleasesRepository } from '../releases.repository.js';
import { EXPIRE_RELEASES, RELEASES_QUEUE, type ReleasesJobPayloads } from './releases.queue.js';

/** Hourly, on the hour (UTC). */
export const EXPIRE_RELEASES_SCHEDULE: JobSchedule<ReleasesJobPayloads[typeof EXPIRE_RELEASES]> = {
  queue: RELEASES_QUEUE,
  schedulerId: 'hourly-expire-releases',
  pattern: '0 * * * *',
  job: { name: EXPIRE_RELEASES, data: { requestedBy: 'schedule' } },
};

const BATCH = 200;

/**
 * Turns pending and signed releases `expired` from their `expiresOn` on, with an `expired` step in
 * each coach's log (sealed to the release's evidence key: the sweep holds no coach key). It sees
 * only due rows, through its own RLS policy; safe to run twice (an expired row is no longer due)
 * and to kill mid-way (each batch commits on its own).
 */
@Injectable()
export class ReleaseExpirySweep {
  constructor(
    private readonly transactions: Transactions,
    private readonly releases: ReleasesRepository,
  ) {}

  async run(now: Date = new Date()): Promise<number> {
    let expired = 0;
    for (;;) {
      const batch = await this.transactions.asReleaseExpirySweep(async (tx) => {
        const due = await this.releases.findDueToExpire(tx, BATCH);
        for (const release of due) {
          const step = await sealStep(release.evidencePublicKey, {
            step: 'expired',
            at: now.toISOString(),
            ip: null,
            userAgent: null,
          });
          await this.releases.markExpired(tx, release.id, now, step);
          tx.auditOnCommit({
            actorId: null,
            actorRole: 'system',
            action: 'release.expire',
            subjectId: release.id,
            outcome: 'success',
          });
        }
        return due.length;
      });
      expired += batch;
      if (batch < BATCH) return expired;
    }
  }
}

@Processor(RELEASES_QUEUE)
export class ExpireReleasesJob extends WorkerHost {
  private readonly logger = new Logger(ExpireReleasesJob.name);

  constructor(private readonly sweep: ReleaseExpirySweep) {
    super();
  }

  async process(job: Job<ReleasesJobPayloads[typeof EXPIRE_RELEASES]>): Promise<{ expired: number }> {
    const expired = await this.sweep.run();
    this.logger.log(`releases expired: ${expired} (job ${job.id})`);
    return { expired };
  }
}
