import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { VERIFY_AUDIT_CHAIN_SCHEDULE } from '#haven/audit';
import { type HavenConfig, QueueName } from '#haven/platform';

// Each schedule is declared once, beside its job; this is the one place that upserts them.
const schedules = [{ queue: QueueName.AUDIT, schedule: VERIFY_AUDIT_CHAIN_SCHEDULE }];

export async function schedulesSyncCommand(config: HavenConfig): Promise<void> {
  const connection = new Redis(config.redis.url, { maxRetriesPerRequest: null });
  try {
    for (const { queue: name, schedule } of schedules) {
      const queue = new Queue(name, { connection, prefix: `${config.redis.prefix}:bull` });
      await queue.upsertJobScheduler(schedule.schedulerId, { pattern: schedule.pattern, tz: 'UTC' }, schedule.job);
      await queue.close();
      console.log(`schedules:sync: ${name}/${schedule.schedulerId} at "${schedule.pattern}" UTC`);
    }
  } finally {
    await connection.quit();
  }
}
