import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { SMTPServer } from 'smtp-server';
import { Transactions } from '#haven/audit';
import { MAIL_QUEUE, MailOutbox, type OutgoingMail } from '#haven/mail';
import { testConfig, withOwnerClient } from '#haven/testing';
import { freePort } from './support/free-port.js';
import { type DeliveredMail, parseMessage, startTestWorker, type TestWorker, waitUntil } from './support/mail.js';

/** What the SMTP peer does with a recipient: refuse it with 451 once (at RCPT or at DATA), or with 550 always. */
type Refusal = 'rcpt-451-once' | 'data-451-once' | 'rcpt-550';

/**
 * A real SMTP server in-process (smtp-server), the peer the worker talks to. It records what it
 * accepted (parsed) and each refusal it answered, per recipient.
 */
class SmtpPeer {
  readonly received: DeliveredMail[] = [];
  readonly refusals = new Map<string, Refusal>();
  readonly refused = new Map<string, number>();
  private readonly server: SMTPServer;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      hideSTARTTLS: true,
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const refusal = this.refusals.get(address.address);
        if (refusal === 'rcpt-550') return callback(this.refuse(address.address, 550, 'No such user'));
        if (refusal === 'rcpt-451-once') {
          this.refusals.delete(address.address);
          return callback(this.refuse(address.address, 451, 'Greylisted, try again later'));
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const recipient = session.envelope.rcptTo[0]?.address ?? '';
          if (this.refusals.get(recipient) === 'data-451-once') {
            this.refusals.delete(recipient);
            return callback(this.refuse(recipient, 451, 'Temporary local problem'));
          }
          parseMessage(Buffer.concat(chunks)).then((mail) => {
            this.received.push(mail);
            callback();
          }, callback);
        });
      },
    });
  }

  /** Listens on `port` (0: a free one) and returns the port. */
  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    return (this.server.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  receivedWithKey(key: string): DeliveredMail[] {
    return this.received.filter((mail) => mail.messageKey === key);
  }

  private refuse(recipient: string, code: number, text: string): Error {
    this.refused.set(recipient, (this.refused.get(recipient) ?? 0) + 1);
    // Like real servers, the reply quotes the address: Haven must not keep it.
    return Object.assign(new Error(`${text} <${recipient}>`), { responseCode: code });
  }
}

/** The real worker sending through `smtp://127.0.0.1:<port>`, and the outbox its producer queues in. */
async function workerSendingTo(port: number) {
  const config = testConfig();
  // A Redis prefix of its own: workers of other suites (which write .eml files) never take its jobs.
  const worker = await startTestWorker({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    REDIS_PREFIX: `${config.redis.prefix}-smtp-${randomBytes(3).toString('hex')}`,
  });
  const outbox = worker.context.get(MailOutbox, { strict: false });
  const transactions = worker.context.get(Transactions, { strict: false });
  const queue = (key: string, mail: OutgoingMail) =>
    transactions.transactionWithoutCoach((tx) => outbox.queue(tx, key, mail));
  return { worker, queue };
}

describe('mail through SMTP_URL to a real SMTP server', () => {
  const peer = new SmtpPeer();
  let worker: TestWorker;
  let queue: (key: string, mail: OutgoingMail) => Promise<boolean>;

  beforeAll(async () => {
    ({ worker, queue } = await workerSendingTo(await peer.listen()));
  });

  afterAll(async () => {
    await worker.close();
    await peer.close();
  });

  it('delivers a message to the SMTP server with its message key, and deletes the content from the row', async () => {
    const t = tag();
    const key = `test-smtp:${t}`;
    await queue(key, mailFor(t));
    await settled(key);
    expect(peer.receivedWithKey(key)).toEqual([
      expect.objectContaining({ to: `person.${t}@example.test`, subject: `Subject ${t}`, text: `Text ${t}` }),
    ]);
    expect(await rowOf(key)).toEqual(
      expect.objectContaining({ to_enc: null, body_enc: null, attempts: 1, failed_at: null }),
    );
  });

  it.each(['rcpt-451-once', 'data-451-once'] as const)(
    'retries a message the server refused on the first try (%s), and it arrives exactly once',
    async (refusal) => {
      const t = tag();
      const key = `test-smtp:${t}`;
      const mail = mailFor(t);
      peer.refusals.set(mail.to, refusal);
      await queue(key, mail);
      await settled(key);
      const row = await rowOf(key);
      expect(peer.refused.get(mail.to)).toBe(1);
      expect(row).toEqual(
        expect.objectContaining({ attempts: 2, failed_at: null, to_enc: null, body_enc: null, last_error: null }),
      );
      expect(row.sent_at).not.toBeNull();
      expect(peer.receivedWithKey(key)).toHaveLength(1);
      // The job that delivered it was the row's one job: nothing is left that could send it again.
      const mailQueue = worker.context.get<Queue>(getQueueToken(MAIL_QUEUE), { strict: false });
      expect(await mailQueue.getJobCounts('waiting', 'delayed', 'active')).toEqual({
        waiting: 0,
        delayed: 0,
        active: 0,
      });
    },
  );

  it('gives up at once on a permanent refusal (550): no retry, content deleted, no address in the error kept', async () => {
    const t = tag();
    const key = `test-smtp:${t}`;
    const mail = mailFor(t);
    peer.refusals.set(mail.to, 'rcpt-550');
    await queue(key, mail);
    await settled(key);
    const row = await rowOf(key);
    expect(row).toEqual(expect.objectContaining({ sent_at: null, to_enc: null, body_enc: null, attempts: 1 }));
    expect(row.failed_at).not.toBeNull();
    expect(row.last_error).toBe('EENVELOPE at RCPT TO reply 550');
    expect(peer.refused.get(mail.to)).toBe(1);
    expect(peer.receivedWithKey(key)).toEqual([]);
  });
});

describe('mail while the SMTP server is down', () => {
  it('keeps retrying while nothing listens, and delivers once the server is up', async () => {
    const port = await freePort();
    const { worker, queue } = await workerSendingTo(port);
    const peer = new SmtpPeer();
    try {
      const t = tag();
      const key = `test-smtp-down:${t}`;
      await queue(key, mailFor(t));
      await waitUntil(async () => ((await rowOf(key))?.attempts ?? 0) >= 1);
      const down = await rowOf(key);
      expect(down).toEqual(expect.objectContaining({ sent_at: null, failed_at: null }));
      expect(down.last_error).toMatch(/^(ESOCKET|ECONNECTION)/);
      expect(down.to_enc).not.toBeNull();

      await peer.listen(port);
      await settled(key);
      expect(peer.receivedWithKey(key)).toHaveLength(1);
      expect((await rowOf(key)).sent_at).not.toBeNull();
    } finally {
      await worker.close();
      await peer.close();
    }
  });
});

const tag = () => randomBytes(6).toString('hex');

function mailFor(t: string): OutgoingMail {
  return { to: `person.${t}@example.test`, subject: `Subject ${t}`, text: `Text ${t}` };
}

function rowOf(key: string) {
  return withOwnerClient(
    async (db) => (await db.query(`SELECT * FROM mail_outbox WHERE message_key = $1`, [key])).rows[0],
  );
}

/** Sent or given up. */
function settled(key: string): Promise<void> {
  return waitUntil(async () => {
    const row = await rowOf(key);
    return row !== undefined && (row.sent_at !== null || row.failed_at !== null);
  });
}
