import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Transaction } from '#haven/audit';
import { MailOutboxRepository } from './mail-outbox.repository.js';
import { MAIL_QUEUE, sendMailJob } from './mail.queue.js';
import { OutboxCipher } from './outbox-cipher.js';
import { MESSAGE_KEY, type OutgoingMail } from './outgoing-mail.js';

/** Queues mail in the caller's transaction; the worker sends it once that transaction commits. */
@Injectable()
export class MailOutbox {
  constructor(
    private readonly repository: MailOutboxRepository,
    private readonly cipher: OutboxCipher,
    @InjectQueue(MAIL_QUEUE) private readonly mailQueue: Queue,
  ) {}

  /**
   * Stores `mail` encrypted under the server outbox key in `mail_outbox`, inside the caller's
   * transaction, and after commit enqueues one `mail` job whose jobId derives from the row.
   * `messageKey` is ids only, unique per message (e.g. `release-link:<linkId>`): a second call
   * with a key already stored stores and sends nothing. Returns true when this call stored it.
   */
  async queue(tx: Transaction, messageKey: string, mail: OutgoingMail): Promise<boolean> {
    if (!MESSAGE_KEY.test(messageKey)) {
      throw new RangeError('a mail message key must be ids only: 1-200 of A-Z a-z 0-9 : . _ -');
    }
    assertMail(mail);
    const id = randomUUID();
    const stored = await this.repository.insertIfNew(tx, id, messageKey, await this.cipher.seal(id, mail));
    if (stored) {
      const job = sendMailJob(id);
      // Bounded: with Redis unreachable, BullMQ would wait for it for ever and hold the caller's
      // answer; the committed row is enough, the stuck-mail sweep enqueues it later.
      tx.afterCommit(() => withinTime(this.mailQueue.add(job.name, job.data, job.opts), ENQUEUE_TIMEOUT_MS, id));
    }
    return stored;
  }
}

/** How long a caller's commit waits for the enqueue before leaving the message to the sweep. */
const ENQUEUE_TIMEOUT_MS = 3000;

function withinTime<T>(work: Promise<T>, ms: number, outboxId: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`mail ${outboxId} not enqueued within ${ms} ms; the stuck-mail sweep will send it`)),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const ONE_ADDRESS = /^[^\s@,;:<>()"\\[\]]+@[^\s@,;:<>()"\\[\]]+$/;

// A programming error, not bad input: callers build mail from validated data.
function assertMail(mail: OutgoingMail): void {
  for (const field of ['to', 'subject', 'text'] as const) {
    if (typeof mail[field] !== 'string' || mail[field] === '')
      throw new TypeError(`mail.${field} must be a non-empty string`);
  }
  // One recipient: a comma or a display name would let one call mail several people.
  if (!ONE_ADDRESS.test(mail.to)) throw new TypeError('mail.to must be one bare address (local@domain)');
  if (/[\r\n]/.test(mail.subject)) throw new TypeError('mail.subject must be one line');
  if (mail.html !== undefined && typeof mail.html !== 'string') throw new TypeError('mail.html must be a string');
}
