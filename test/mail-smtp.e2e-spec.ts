import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { Transactions } from '#haven/audit';
import { MAIL_QUEUE, MailOutbox, type OutgoingMail } from '#haven/mail';
import { testConfig, withOwnerClient } from '#haven/testing';
import { type DeliveredMail, parseMessage, startTestWorker, type TestWorker, waitUntil } from './support/mail.js';

/**
 * A real SMTP server in-process (smtp-server) as the peer. This suite's producer and worker use a
 * Redis prefix of their own, so workers of other suites (which write .eml files) never take its jobs.
 */
describe('mail through SMTP_URL to a real SMTP server', () => {
  const config = testConfig();
  const received: DeliveredMail[] = [];
  /** Recipients the server refuses: 451 (try again) once, or 550 (never). */
  const refuseOnce = new Set<string>();
  const refuseAlways = new Set<string>();
  const refusedTries = new Map<string, number>();
  let server: SMTPServer;
  let worker: TestWorker;
  let outbox: MailOutbox;
  let transactions: Transactions;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      hideSTARTTLS: true,
      logger: false,
      onRcptTo(address: SMTPServerAddress, _session, callback) {
        const refuse = (code: number, text: string) => {
          refusedTries.set(address.address, (refusedTries.get(address.address) ?? 0) + 1);
          callback(Object.assign(new Error(`${text} <${address.address}>`), { responseCode: code }));
        };
        if (refuseAlways.has(address.address)) return refuse(550, 'No such user');
        if (refuseOnce.delete(address.address)) return refuse(451, 'Greylisted, try again later');
        callback();
      },
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          parseMessage(Buffer.concat(chunks)).then((mail) => {
            received.push(mail);
            callback();
          }, callback);
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    worker = await startTestWorker({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      REDIS_PREFIX: `${config.redis.prefix}-smtp-${randomBytes(3).toString('hex')}`,
    });
    outbox = worker.context.get(MailOutbox, { strict: false });
    transactions = worker.context.get(Transactions, { strict: false });
  });

  afterAll(async () => {
    await worker.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const tag = () => randomBytes(6).toString('hex');
  const mailFor = (t: string): OutgoingMail => ({
    to: `person.${t}@example.test`,
    subject: `Subject ${t}`,
    text: `Text ${t}`,
  });
  const queue = (key: string, mail: OutgoingMail) =>
    transactions.transactionWithoutCoach((tx) => outbox.queue(tx, key, mail));
  const rowOf = async (key: string) =>
    withOwnerClient(async (db) => (await db.query(`SELECT * FROM mail_outbox WHERE message_key = $1`, [key])).rows[0]);
  const settled = (key: string) =>
    waitUntil(async () => {
      const row = await rowOf(key);
      return row?.sent_at !== null || row?.failed_at !== null;
    });

  it('delivers a message to the SMTP server with its message key, and deletes the content from the row', async () => {
    const t = tag();
    const key = `test-smtp:${t}`;
    await queue(key, mailFor(t));
    await settled(key);
    expect(received.filter((mail) => mail.messageKey === key)).toEqual([
      expect.objectContaining({ to: `person.${t}@example.test`, subject: `Subject ${t}`, text: `Text ${t}` }),
    ]);
    expect(await rowOf(key)).toEqual(
      expect.objectContaining({ to_enc: null, body_enc: null, attempts: 1, failed_at: null }),
    );
  });

  it('retries a message the server refused with 451 on the first try, and it arrives exactly once', async () => {
    const t = tag();
    const key = `test-smtp:${t}`;
    const mail = mailFor(t);
    refuseOnce.add(mail.to);
    await queue(key, mail);
    await settled(key);
    const row = await rowOf(key);
    expect(refusedTries.get(mail.to)).toBe(1);
    expect(row).toEqual(expect.objectContaining({ attempts: 2, failed_at: null, to_enc: null, body_enc: null }));
    expect(row.sent_at).not.toBeNull();
    expect(received.filter((m) => m.messageKey === key)).toHaveLength(1);
    // The job that delivered it is the one job of this row: nothing is left to send it again.
    const mailQueue = worker.context.get<Queue>(getQueueToken(MAIL_QUEUE), { strict: false });
    const counts = await mailQueue.getJobCounts('waiting', 'delayed', 'active');
    expect(counts).toEqual({ waiting: 0, delayed: 0, active: 0 });
  });

  it('gives up at once on a permanent refusal (550): no retry, content deleted, no address in the error kept', async () => {
    const t = tag();
    const key = `test-smtp:${t}`;
    const mail = mailFor(t);
    refuseAlways.add(mail.to);
    await queue(key, mail);
    await settled(key);
    const row = await rowOf(key);
    expect(row).toEqual(expect.objectContaining({ sent_at: null, to_enc: null, body_enc: null, attempts: 1 }));
    expect(row.failed_at).not.toBeNull();
    expect(row.last_error).toMatch(/550/);
    expect(row.last_error).not.toContain(t);
    expect(refusedTries.get(mail.to)).toBe(1);
    expect(received.filter((m) => m.messageKey === key)).toEqual([]);
  });
});
