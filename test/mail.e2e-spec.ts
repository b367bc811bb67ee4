import { randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { Transactions } from '#haven/audit';
import { MailOutbox, type OutgoingMail } from '#haven/mail';
import { testConfig, withOwnerClient } from '#haven/testing';
import { dumpRedis } from './support/dumps.js';
import { readOutbox, startTestWorker, type TestWorker, waitForMail, waitUntil } from './support/mail.js';

/** Mail without SMTP_URL: the real worker writes one .eml file per message into MAIL_OUTBOX_DIR. */
describe('mail through the outbox, the mail queue and the worker, as .eml files', () => {
  const config = testConfig();
  let worker: TestWorker;
  let outbox: MailOutbox;
  let transactions: Transactions;

  beforeAll(async () => {
    worker = await startTestWorker();
    outbox = worker.context.get(MailOutbox, { strict: false });
    transactions = worker.context.get(Transactions, { strict: false });
  });
  afterAll(() => worker.close());

  const tag = () => randomBytes(6).toString('hex');
  const mailFor = (t: string, n: number): OutgoingMail => ({
    to: `person${n}.${t}@example.test`,
    subject: `Subject ${n} ${t}`,
    text: `Text ${n} ${t}\nsecond line`,
    html: `<p>Html ${n} ${t}</p>`,
  });
  const queue = (key: string, mail: OutgoingMail) =>
    transactions.transactionWithoutCoach((tx) => outbox.queue(tx, key, mail));
  const rowsOf = (t: string) =>
    withOwnerClient(
      async (db) =>
        (await db.query(`SELECT * FROM mail_outbox WHERE message_key LIKE $1 ORDER BY message_key`, [`%${t}%`])).rows,
    );

  it('writes one file per message: 3 messages and a duplicate key make 3 files, with the message key and a stable Message-ID', async () => {
    const t = tag();
    const stored = [
      await queue(`test-mail:${t}:1`, mailFor(t, 1)),
      await queue(`test-mail:${t}:2`, mailFor(t, 2)),
      await queue(`test-mail:${t}:3`, mailFor(t, 3)),
      await queue(`test-mail:${t}:2`, mailFor(t, 4)),
    ];
    expect(stored).toEqual([true, true, true, false]);
    for (const n of [1, 2, 3]) {
      const mail = await waitForMail((m) => m.messageKey === `test-mail:${t}:${n}`);
      expect(mail).toEqual(
        expect.objectContaining({
          to: `person${n}.${t}@example.test`,
          subject: `Subject ${n} ${t}`,
          text: `Text ${n} ${t}\nsecond line`,
          html: `<p>Html ${n} ${t}</p>`,
        }),
      );
    }
    const rows = await rowsOf(t);
    // Marked sent a moment after the file is linked: wait for the rows, not for a time.
    await waitUntil(async () => (await rowsOf(t)).every((row) => row.sent_at !== null));
    const mine = (await readOutbox()).filter((mail) => mail.subject.endsWith(t));
    expect(mine.map((mail) => mail.subject).sort()).toEqual([1, 2, 3].map((n) => `Subject ${n} ${t}`));
    expect(mine.map((mail) => mail.file.split('/').pop()).sort()).toEqual(rows.map((row) => `${row.id}.eml`).sort());
    expect(mine.map((mail) => mail.messageId).sort()).toEqual(rows.map((row) => `<${row.id}@haven.invalid>`).sort());
    const files = await readdir(config.mail.outboxDir);
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect((await stat(mine[0]!.file)).mode & 0o777).toBe(0o600);
  });

  it('deletes the address and content from the outbox row once sent, and keeps the row so the key never sends again', async () => {
    const t = tag();
    await queue(`test-mail:${t}:1`, mailFor(t, 1));
    await waitForMail((m) => m.messageKey === `test-mail:${t}:1`);
    await waitUntil(async () => (await rowsOf(t))[0]?.sent_at !== null);
    const [row] = await rowsOf(t);
    expect(row).toEqual(
      expect.objectContaining({ to_enc: null, body_enc: null, attempts: 1, last_error: null, failed_at: null }),
    );
    expect(await queue(`test-mail:${t}:1`, mailFor(t, 5))).toBe(false);
  });

  it('keeps no address and no text in Redis: job data holds the outbox id only', async () => {
    const t = tag();
    const mail = mailFor(t, 1);
    await queue(`test-mail:${t}:1`, mail);
    await waitForMail((m) => m.messageKey === `test-mail:${t}:1`);
    const [row] = await rowsOf(t);
    const values = await dumpRedis(`${config.redis.prefix}:bull:mail:`);
    const jobHash = values.get(`${config.redis.prefix}:bull:mail:mail-${row.id}`);
    expect(jobHash).toBeDefined();
    expect(JSON.parse(JSON.parse(jobHash!).data)).toEqual({ outboxId: row.id });
    const everything = [...values].join('\n');
    for (const secret of [mail.to, `person1.${t}`, mail.subject, `Text 1 ${t}`, `Html 1 ${t}`]) {
      expect(everything).not.toContain(secret);
    }
  });
});
