import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Transactions } from '#haven/audit';
import { migrateTestDatabase, testConfig, withOwnerClient } from '#haven/testing';
import { MailOutboxRepository } from './mail-outbox.repository.js';
import { MailOutbox } from './mail-outbox.js';
import { MAIL_QUEUE } from './mail.queue.js';
import { OutboxCipher } from './outbox-cipher.js';

describe('MailOutbox.queue on a real Postgres and Redis', () => {
  const config = testConfig();
  let dataSource: DataSource;
  let queue: Queue;
  let transactions: Transactions;
  let cipher: OutboxCipher;
  let outbox: MailOutbox;

  beforeAll(async () => {
    await migrateTestDatabase(config);
    dataSource = new DataSource({ type: 'postgres', url: config.database.appUrl, extra: { max: 2 } });
    await dataSource.initialize();
    // The mail queue under a prefix of this suite's own: no worker of the run takes these jobs.
    queue = new Queue(MAIL_QUEUE, {
      connection: { url: config.redis.url },
      prefix: `${config.redis.prefix}-outbox-${randomUUID()}:bull`,
    });
    transactions = new Transactions(dataSource);
    cipher = new OutboxCipher(config);
    outbox = new MailOutbox(new MailOutboxRepository(), cipher, queue);
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await dataSource.destroy();
  });

  const tag = () => randomBytes(6).toString('hex');
  const mailFor = (t: string) => ({
    to: `person${t}@example.test`,
    subject: `Subject ${t}`,
    text: `Text ${t}`,
    html: `<p>Html ${t}</p>`,
  });
  const rowsWithKey = (key: string) =>
    withOwnerClient(async (db) => (await db.query(`SELECT * FROM mail_outbox WHERE message_key = $1`, [key])).rows);
  const jobsFor = async (ids: string[]) =>
    (await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter((job) =>
      ids.includes(job.data.outboxId),
    );

  it('stores the message encrypted in the caller’s transaction and enqueues one job with the outbox id only', async () => {
    const t = tag();
    const key = `test-message:${t}`;
    const mail = mailFor(t);
    expect(await transactions.transactionWithoutCoach((tx) => outbox.queue(tx, key, mail))).toBe(true);

    const [row] = await rowsWithKey(key);
    expect(row).toEqual(
      expect.objectContaining({ message_key: key, sent_at: null, failed_at: null, attempts: 0, last_error: null }),
    );
    for (const value of [mail.to, mail.subject, mail.text, mail.html, t]) {
      expect(`${row.to_enc} ${row.body_enc}`).not.toContain(value);
    }
    expect(await cipher.open(row.id, { toEnc: row.to_enc, bodyEnc: row.body_enc })).toEqual(mail);

    const jobs = await jobsFor([row.id]);
    expect(jobs.map((job) => ({ id: job.id, name: job.name, data: job.data }))).toEqual([
      { id: `mail-${row.id}`, name: 'send', data: { outboxId: row.id } },
    ]);
    expect(jobs[0]!.opts).toEqual(
      expect.objectContaining({ attempts: 8, backoff: { type: 'exponential', delay: 2000 } }),
    );
  });

  it('stores and enqueues nothing when the caller’s transaction rolls back', async () => {
    const t = tag();
    const key = `test-message:${t}`;
    let outboxIds: string[] = [];
    await expect(
      transactions.transactionWithoutCoach(async (tx) => {
        await outbox.queue(tx, key, mailFor(t));
        outboxIds = (await tx.query<{ id: string }>(`SELECT id FROM mail_outbox WHERE message_key = $1`, [key])).map(
          (row) => row.id,
        );
        throw new Error('the use case failed after queuing its mail');
      }),
    ).rejects.toThrow('the use case failed after queuing its mail');
    expect(outboxIds).toHaveLength(1);
    expect(await rowsWithKey(key)).toEqual([]);
    expect(await jobsFor(outboxIds)).toEqual([]);
  });

  it('stores and enqueues a message key once: a second call, in the same or a later transaction, returns false', async () => {
    const t = tag();
    const key = `test-message:${t}`;
    const firstCalls = await transactions.transactionWithoutCoach(async (tx) => [
      await outbox.queue(tx, key, mailFor(t)),
      await outbox.queue(tx, key, mailFor(`${t}-again`)),
    ]);
    const later = await transactions.transactionWithoutCoach((tx) => outbox.queue(tx, key, mailFor(`${t}-later`)));
    expect([...firstCalls, later]).toEqual([true, false, false]);
    const rows = await rowsWithKey(key);
    expect(rows).toHaveLength(1);
    expect((await cipher.open(rows[0].id, { toEnc: rows[0].to_enc, bodyEnc: rows[0].body_enc })).subject).toBe(
      `Subject ${t}`,
    );
    expect(await jobsFor([rows[0].id])).toHaveLength(1);
  });

  it('stores one row when two transactions queue the same key at once', async () => {
    const t = tag();
    const key = `test-message:${t}`;
    const results = await Promise.all(
      [1, 2].map((n) => transactions.transactionWithoutCoach((tx) => outbox.queue(tx, key, mailFor(`${t}-${n}`)))),
    );
    expect(results.sort()).toEqual([false, true]);
    expect(await rowsWithKey(key)).toHaveLength(1);
  });

  it.each(['person@example.test', 'has space', '', 'x'.repeat(201), 'line\nbreak'])(
    'refuses the message key %j (ids only), storing nothing',
    async (key) => {
      await expect(transactions.transactionWithoutCoach((tx) => outbox.queue(tx, key, mailFor(tag())))).rejects.toThrow(
        RangeError,
      );
      expect(await rowsWithKey(key)).toEqual([]);
    },
  );

  it('refuses a header injection in the address or subject, storing nothing', async () => {
    const t = tag();
    for (const mail of [
      { ...mailFor(t), to: `a${t}@example.test\r\nBcc: b@example.test` },
      { ...mailFor(t), subject: `s\nBcc: b@example.test` },
    ]) {
      await expect(
        transactions.transactionWithoutCoach((tx) => outbox.queue(tx, `test-message:${t}`, mail)),
      ).rejects.toThrow(TypeError);
    }
    expect(await rowsWithKey(`test-message:${t}`)).toEqual([]);
  });

  it('binds each ciphertext to its row: content copied onto another row does not decrypt', async () => {
    const t = tag();
    const sealed = await cipher.seal(randomUUID(), mailFor(t));
    await expect(cipher.open(randomUUID(), sealed)).rejects.toThrow(/authentication failed/);
  });
});
