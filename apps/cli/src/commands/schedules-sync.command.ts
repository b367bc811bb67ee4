import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { HavenConfig } from '#haven/platform';
import { JOBS_MODULES } from '../../../worker/src/jobs-modules.js';

/** Upserts the schedule of every job the worker's modules declare: the one place schedules are written. */
export async function schedulesSyncCommand(config: HavenConfig): Promise<void> {
  const connection = new Redis(config.redis.url, { maxRetriesPerRequest: null });
  try {
    for (const schedule of JOBS_MODULES.flatMap((module) => module.schedules)) {
      const queue = new Queue(schedule.queue, { connection, prefix: `${config.redis.prefix}:bull` });
      await queue.upsertJobScheduler(schedule.schedulerId, { pattern: schedule.pattern, tz: 'UTC' }, schedule.job);
      await queue.close();
      console.log(`schedules:sync: ${schedule.queue}/${schedule.schedulerId} at "${schedule.pattern}" UTC`);
    }
  } finally {
    await connection.quit();
  }
}
