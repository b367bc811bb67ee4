import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { AUDIT_QUEUE, VERIFY_AUDIT_CHAIN } from '#haven/audit';
import { migrateTestDatabase, testConfig } from '#haven/testing';
import { schedulesSyncCommand } from '../apps/cli/src/commands/schedules-sync.command.js';
import { WorkerModule } from '../apps/worker/src/worker.module.js';

describe('the worker on a real Redis', () => {
  const config = testConfig();
  const prefix = `${config.redis.prefix}:bull`;
  let worker: INestApplicationContext;
  let connection: Redis;
  let queue: Queue;

  beforeAll(async () => {
    await migrateTestDatabase(config);
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
    connection = new Redis(config.redis.url, { maxRetriesPerRequest: null });
    queue = new Queue(AUDIT_QUEUE, { connection, prefix });
  });

  afterAll(async () => {
    await queue.close();
    await worker.close();
    connection.disconnect();
  });

  it('verifies the audit chain when the job is enqueued, and returns the verdict', async () => {
    const events = new QueueEvents(AUDIT_QUEUE, { connection: { url: config.redis.url }, prefix });
    try {
      await events.waitUntilReady();
      const job = await queue.add(VERIFY_AUDIT_CHAIN, { requestedBy: 'cli' });
      const result = await job.waitUntilFinished(events, 20_000);
      expect(result).toEqual({ intact: true, events: expect.any(Number) });
    } finally {
      await events.close();
    }
  });

  it('upserts the nightly schedule once, however often schedules:sync runs', async () => {
    const log = console.log;
    console.log = () => {};
    try {
      await schedulesSyncCommand(config);
      await schedulesSyncCommand(config);
    } finally {
      console.log = log;
    }
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({ key: 'nightly-verify-audit-chain', pattern: '0 3 * * *', tz: 'UTC' }),
    ]);
  });
});
