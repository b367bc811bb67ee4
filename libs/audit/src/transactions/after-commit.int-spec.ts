import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { migrateTestDatabase, testConfig } from '#haven/testing';
import { Transactions } from './transactions.js';

describe('Transaction.afterCommit enqueuing on a real Redis', () => {
  const config = testConfig();
  let dataSource: DataSource;
  let queue: Queue;
  let sut: Transactions;

  beforeAll(async () => {
    await migrateTestDatabase(config);
    dataSource = new DataSource({ type: 'postgres', url: config.database.appUrl, extra: { max: 2 } });
    await dataSource.initialize();
    // A queue of this suite's own, so its counts are this suite's jobs only.
    queue = new Queue(`after-commit-probe-${randomUUID()}`, {
      connection: { url: config.redis.url },
      prefix: `${config.redis.prefix}:bull`,
    });
    sut = new Transactions(dataSource);
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await dataSource.destroy();
  });

  const eventsNamed = async (action: string) =>
    Number((await dataSource.query(`SELECT count(*) FROM audit_events WHERE action = $1`, [action]))[0].count);

  /** A write (an audit event) and the job that should follow it, in one transaction. */
  const writeAndEnqueue = (action: string, fail: boolean) =>
    sut.transactionWithoutCoach(async (tx) => {
      await tx.appendAudit({ actorId: null, actorRole: 'test', action, outcome: 'success' });
      tx.afterCommit(() => queue.add('probe', { action }));
      if (fail) throw new Error('the use case failed after its write');
    });

  it('enqueues nothing for a write that rolled back', async () => {
    const action = `test.after-commit.rolled-back.${randomUUID()}`;
    await expect(writeAndEnqueue(action, true)).rejects.toThrow('the use case failed after its write');
    expect(await eventsNamed(action)).toBe(0);
    expect(await queue.getJobCountByTypes('waiting', 'delayed', 'active', 'completed', 'failed')).toBe(0);
  });

  it('enqueues the job once the write has committed, and the job sees the committed row', async () => {
    const action = `test.after-commit.committed.${randomUUID()}`;
    await writeAndEnqueue(action, false);
    const jobs = await queue.getJobs(['waiting']);
    expect(jobs.map((job) => job.data)).toEqual([{ action }]);
    expect(await eventsNamed(action)).toBe(1);
  });
});
