import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Job, Queue, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { Transactions } from '#haven/audit';
import type { HavenConfig } from '#haven/platform';
import { migrateTestDatabase, testConfig, withOwnerClient } from '#haven/testing';
import { MailOutboxRepository } from '../mail-outbox.repository.js';
import { MailOutbox } from '../mail-outbox.js';
import { MailSender } from '../mail-sender.js';
import { MAIL_QUEUE, REQUEUE_STUCK_MAIL, SEND_MAIL } from '../mail.queue.js';
import { OutboxCipher } from '../outbox-cipher.js';
import { MailProcessor } from './mail.processor.js';

/**
 * The processor's decisions on a real Postgres and Redis, one job at a time: what a crash, a second
 * worker or a damaged row leaves behind. Its queue has a prefix of this suite's own (no worker runs).
 */
describe('MailProcessor on a real Postgres and Redis', () => {
  const runConfig = testConfig();
  const outboxDir = mkdtempSync(join(tmpdir(), 'haven-mail-processor-'));
  const config = { ...runConfig, mail: { ...runConfig.mail, smtpUrl: undefined, outboxDir } } as HavenConfig;
  let dataSource: DataSource;
  let queue: Queue;
  let outbox: MailOutbox;
  let processor: MailProcessor;
  let transactions: Transactions;

  beforeAll(async () => {
    await migrateTestDatabase(runConfig);
    dataSource = new DataSource({ type: 'postgres', url: config.database.appUrl, extra: { max: 3 } });
    await dataSource.initialize();
    queue = new Queue(MAIL_QUEUE, {
      connection: { url: config.redis.url },
      prefix: `${config.redis.prefix}-processor-${randomUUID()}:bull`,
    });
    transactions = new Transactions(dataSource);
    const repository = new MailOutboxRepository();
    const cipher = new OutboxCipher(config);
    outbox = new MailOutbox(repository, cipher, queue);
    processor = new MailProcessor(transactions, repository, cipher, new MailSender(config), queue);
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await dataSource.destroy();
  });

  const run = (name: string, data: object) => processor.process({ name, data } as Job as never);
  const queueMail = async () => {
    const t = randomBytes(6).toString('hex');
    const key = `test-processor:${t}`;
    await transactions.transactionWithoutCoach((tx) =>
      outbox.queue(tx, key, { to: `p.${t}@example.test`, subject: `S ${t}`, text: `T ${t}` }),
    );
    const row = await rowOf(key);
    return { key, id: row.id as string };
  };
  const rowOf = (key: string) =>
    withOwnerClient(async (db) => (await db.query(`SELECT * FROM mail_outbox WHERE message_key = $1`, [key])).rows[0]);
  const filesOf = (id: string) => readdirSync(outboxDir).filter((name) => name.startsWith(id));

  it('sends a row once: a second run of its job finds it sent and sends nothing', async () => {
    const { key, id } = await queueMail();
    expect(await run(SEND_MAIL, { outboxId: id })).toBe('sent');
    expect(await run(SEND_MAIL, { outboxId: id })).toBe('already settled');
    expect(filesOf(id)).toEqual([`${id}.eml`]);
    expect(await rowOf(key)).toEqual(expect.objectContaining({ attempts: 1, to_enc: null, body_enc: null }));
  });

  it('does nothing for a job whose row does not exist', async () => {
    expect(await run(SEND_MAIL, { outboxId: randomUUID() })).toBe('missing');
  });

  it('sends nothing while another worker holds the row, and fails the try so it is retried; then sends once', async () => {
    const { key, id } = await queueMail();
    await withOwnerClient(async (holder) => {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM mail_outbox WHERE id = $1 FOR UPDATE', [id]);
      await expect(run(SEND_MAIL, { outboxId: id })).rejects.toThrow('being sent by another worker');
      expect(filesOf(id)).toEqual([]);
      await holder.query('COMMIT');
    });
    expect((await rowOf(key)).attempts).toBe(0);
    expect(await run(SEND_MAIL, { outboxId: id })).toBe('sent');
    expect(filesOf(id)).toEqual([`${id}.eml`]);
  });

  it('re-enqueues, under the same job id, mail whose job was lost after commit, and only once it is 2 minutes old', async () => {
    const { key, id } = await queueMail();
    await (await queue.getJob(`mail-${id}`))!.remove();
    expect(await queue.getJob(`mail-${id}`)).toBeUndefined();

    await run(REQUEUE_STUCK_MAIL, { requestedBy: 'schedule' });
    expect(await queue.getJob(`mail-${id}`)).toBeUndefined();

    await withOwnerClient((db) =>
      db.query(`UPDATE mail_outbox SET created_at = now() - interval '3 minutes' WHERE id = $1`, [id]),
    );
    await run(REQUEUE_STUCK_MAIL, { requestedBy: 'schedule' });
    await run(REQUEUE_STUCK_MAIL, { requestedBy: 'schedule' });
    const jobs = (await queue.getJobs(['waiting', 'delayed'])).filter((job) => job.data.outboxId === id);
    expect(jobs.map((job) => ({ id: job.id, data: job.data }))).toEqual([{ id: `mail-${id}`, data: { outboxId: id } }]);

    expect(await run(SEND_MAIL, { outboxId: id })).toBe('sent');
    await jobs[0]!.remove();
    await run(REQUEUE_STUCK_MAIL, { requestedBy: 'schedule' });
    expect(await queue.getJob(`mail-${id}`)).toBeUndefined();
    expect((await rowOf(key)).sent_at).not.toBeNull();
  });

  it('keeps a row it cannot decrypt (content intact, try counted) and fails the try so it is retried', async () => {
    const { key, id } = await queueMail();
    const before = await rowOf(key);
    const other = await queueMail();
    // A ciphertext of another row, copied onto this one: it does not open here.
    await withOwnerClient((db) =>
      db.query(`UPDATE mail_outbox SET to_enc = (SELECT to_enc FROM mail_outbox WHERE id = $2) WHERE id = $1`, [
        id,
        other.id,
      ]),
    );
    const failure = await run(SEND_MAIL, { outboxId: id }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(UnrecoverableError);
    expect(failure!.message).toBe('could not decrypt the outbox row');
    expect(filesOf(id)).toEqual([]);
    expect(await rowOf(key)).toEqual(
      expect.objectContaining({
        attempts: 1,
        last_error: 'could not decrypt the outbox row',
        body_enc: before.body_enc,
        sent_at: null,
        failed_at: null,
      }),
    );
  });
});
