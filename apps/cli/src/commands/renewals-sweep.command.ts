import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import {
  CERTIFICATION_QUEUE,
  type CertificationJobPayloads,
  RENEWAL_SWEEP,
  renewalSweepJobId,
  type SweepOutcome,
} from '#haven/certification';
import { isLocalDate } from '#haven/ethics';
import type { HavenConfig } from '#haven/platform';

const PROGRESS_EVERY_MS = 3000;
const WAIT_AT_MOST_MS = 6 * 60 * 60 * 1000;

/**
 * `renewals:sweep [--as-of YYYY-MM-DD]`: enqueues the renewal sweep as of that day (today, UTC, by
 * default), waits for a worker to finish it, and prints what it produced; a progress line every few
 * seconds while it runs. Exit 2 on a bad date, 1 when the sweep failed.
 */
export async function renewalsSweepCommand(config: HavenConfig, args: readonly string[]): Promise<number> {
  const asOf = parseAsOf(args);
  if (asOf === null) {
    console.error('renewals:sweep: --as-of must be a calendar date written YYYY-MM-DD');
    return 2;
  }
  const connection = new Redis(config.redis.url, { maxRetriesPerRequest: null });
  const prefix = `${config.redis.prefix}:bull`;
  const queue = new Queue<CertificationJobPayloads[typeof RENEWAL_SWEEP]>(CERTIFICATION_QUEUE, { connection, prefix });
  const events = new QueueEvents(CERTIFICATION_QUEUE, { connection: { url: config.redis.url }, prefix });
  const started = Date.now();
  const job = events
    .waitUntilReady()
    .then(() =>
      queue.add(RENEWAL_SWEEP, { asOf, requestedBy: 'cli' }, { jobId: renewalSweepJobId(asOf, randomUUID()) }),
    );
  const progress = setInterval(() => {
    void job.then(async (added) => {
      const current = (await queue.getJob(added.id!))?.progress as Partial<SweepOutcome> | undefined;
      const seconds = Math.round((Date.now() - started) / 1000);
      console.log(
        `renewals:sweep: ${seconds}s, ${current?.reminders ?? 0} reminders and ${current?.lapses ?? 0} lapses so far`,
      );
    });
  }, PROGRESS_EVERY_MS);
  try {
    const outcome = (await (await job).waitUntilFinished(events, WAIT_AT_MOST_MS)) as SweepOutcome;
    console.log(
      `renewals:sweep as of ${outcome.asOf}: ${outcome.reminders} reminders, ${outcome.lapses} lapses ` +
        `(${outcome.lapseNotices} lapse notices to certifiers)`,
    );
    return 0;
  } catch (error) {
    console.error(`renewals:sweep: the sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    clearInterval(progress);
    await events.close();
    await queue.close();
    await connection.quit();
  }
}

function parseAsOf(args: readonly string[]): string | null {
  const at = args.indexOf('--as-of');
  const value = at === -1 ? args.find((arg) => arg.startsWith('--as-of='))?.slice('--as-of='.length) : args[at + 1];
  if (value === undefined) return at === -1 ? new Date().toISOString().slice(0, 10) : null;
  return isLocalDate(value) ? value : null;
}
