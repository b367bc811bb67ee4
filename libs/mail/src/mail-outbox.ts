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
      tx.afterCommit(() => this.mailQueue.add(job.name, job.data, job.opts));
    }
    return stored;
  }
}

// A programming error, not bad input: callers build mail from validated data.
function assertMail(mail: OutgoingMail): void {
  for (const field of ['to', 'subject', 'text'] as const) {
    if (typeof mail[field] !== 'string' || mail[field] === '')
      throw new TypeError(`mail.${field} must be a non-empty string`);
  }
  if (/[\r\n]/.test(mail.to) || /[\r\n]/.test(mail.subject))
    throw new TypeError('mail.to and mail.subject are one line');
  if (mail.html !== undefined && typeof mail.html !== 'string') throw new TypeError('mail.html must be a string');
}
