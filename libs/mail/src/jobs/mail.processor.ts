import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { Transactions } from '#haven/audit';
import { MailOutboxRepository } from '../mail-outbox.repository.js';
import { MailSendError, MailSender } from '../mail-sender.js';
import {
  MAIL_QUEUE,
  type MailJobPayloads,
  REQUEUE_STUCK_MAIL,
  SEND_MAIL,
  STUCK_AFTER_SECONDS,
  sendMailJob,
} from '../mail.queue.js';
import { OutboxCipher } from '../outbox-cipher.js';

type MailJob =
  | Job<MailJobPayloads[typeof SEND_MAIL], unknown, typeof SEND_MAIL>
  | Job<MailJobPayloads[typeof REQUEUE_STUCK_MAIL], unknown, typeof REQUEUE_STUCK_MAIL>;

/** How many stuck rows one sweep enqueues again (the next sweep takes the rest). */
const SWEEP_BATCH = 500;

/** Thrown (and retried with backoff) when another worker holds the row: it is sending it right now. */
class OutboxRowBusy extends Error {
  constructor() {
    super('the outbox row is being sent by another worker');
  }
}

/**
 * The worker side of the mail queue. Logs carry the outbox id and message key, never the address
 * or the content; failures carry the SMTP command and reply code only (see MailSendError).
 */
@Processor(MAIL_QUEUE)
export class MailProcessor extends WorkerHost {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly repository: MailOutboxRepository,
    private readonly cipher: OutboxCipher,
    private readonly sender: MailSender,
    @InjectQueue(MAIL_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  async process(job: MailJob): Promise<unknown> {
    if (job.name === SEND_MAIL) return this.send((job.data as MailJobPayloads['send']).outboxId);
    if (job.name === REQUEUE_STUCK_MAIL) return this.requeueStuck();
    throw new UnrecoverableError(`unknown mail job ${(job as Job).name}`);
  }

  /**
   * Sends one outbox row, holding its row lock while it sends, so a stalled job run twice sends
   * once: the second run finds the row locked and retries later, when it finds it sent.
   */
  private async send(outboxId: string): Promise<'sent' | 'already settled' | 'missing'> {
    const outcome = await this.transactions.transactionWithoutCoach(async (tx) => {
      const found = await this.repository.lockForSending(tx, outboxId);
      if (found.state === 'locked') return { error: new OutboxRowBusy() };
      if (found.state !== 'unsettled')
        return { result: found.state === 'settled' ? 'already settled' : 'missing' } as const;
      const { row } = found;
      try {
        const mail = await this.cipher.open(row.id, row);
        await this.sender.send(row.id, row.messageKey, mail);
      } catch (caught) {
        const error =
          caught instanceof MailSendError ? caught : new MailSendError('could not read the outbox row', true);
        if (error.permanent) await this.repository.markFailed(tx, row.id, error.message);
        else await this.repository.markAttemptFailed(tx, row.id, error.message);
        this.logger.warn(
          `mail ${row.id} (${row.messageKey}) try ${row.attempts + 1} failed: ${error.message}${error.permanent ? ', given up' : ''}`,
        );
        return { error: error.permanent ? new UnrecoverableError(error.message) : error };
      }
      await this.repository.markSent(tx, row.id);
      this.logger.log(`mail ${row.id} (${row.messageKey}) sent after ${row.attempts + 1} tries`);
      return { result: 'sent' } as const;
    });
    // Thrown after the commit, so the failed try is counted in the row.
    if ('error' in outcome) throw outcome.error;
    return outcome.result;
  }

  /** Enqueues again what a crash between commit and enqueue (or exhausted retries) left unsent. */
  private async requeueStuck(): Promise<{ requeued: number }> {
    const ids = await this.transactions.transactionWithoutCoach((tx) =>
      this.repository.unsettledIds(tx, STUCK_AFTER_SECONDS, SWEEP_BATCH),
    );
    if (ids.length > 0) {
      // Same jobIds: a row whose job is still waiting or retrying is not enqueued twice.
      await this.queue.addBulk(ids.map((id) => sendMailJob(id)));
      this.logger.log(`requeue-stuck-mail: ${ids.length} unsent messages enqueued again`);
    }
    return { requeued: ids.length };
  }
}
