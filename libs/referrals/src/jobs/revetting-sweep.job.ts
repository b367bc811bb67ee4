import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { todayUtc } from '#haven/clients';
import { RevettingSweep, type RevettingSweepResult } from '../revetting-sweep.js';
import { REFERRALS_QUEUE, REVETTING_SWEEP, type ReferralsJobPayloads } from './referrals.queue.js';

/** Runs the re-vetting sweep for the day asked, or today (UTC). Safe to run twice and to kill. */
@Processor(REFERRALS_QUEUE)
export class RevettingSweepJob extends WorkerHost {
  constructor(private readonly sweep: RevettingSweep) {
    super();
  }

  process(job: Job<ReferralsJobPayloads[typeof REVETTING_SWEEP]>): Promise<RevettingSweepResult> {
    return this.sweep.run(job.data.asOf ?? todayUtc());
  }
}
