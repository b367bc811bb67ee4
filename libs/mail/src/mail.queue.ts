import type { JobsOptions } from 'bullmq';
import type { JobSchedule } from '#haven/platform';

/** The mail queue, its jobs and their payloads: ids only, never an address or content. */
export const MAIL_QUEUE = 'mail';

export const SEND_MAIL = 'send';
export const REQUEUE_STUCK_MAIL = 'requeue-stuck-mail';

export interface MailJobPayloads {
  [SEND_MAIL]: { outboxId: string };
  [REQUEUE_STUCK_MAIL]: { requestedBy: 'schedule' };
}

/**
 * One job per outbox row, whatever enqueues it (the commit, or the sweep after a crash): BullMQ
 * ignores an add whose jobId it already holds. 8 tries, 2 s doubling (about 8.5 minutes in all);
 * a message still unsent after that is enqueued again by the sweep, as its failed job is removed.
 */
export function sendMailJob(outboxId: string): {
  name: typeof SEND_MAIL;
  data: MailJobPayloads['send'];
  opts: JobsOptions;
} {
  return {
    name: SEND_MAIL,
    data: { outboxId },
    opts: {
      jobId: `mail-${outboxId}`,
      attempts: 8,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: true,
    },
  };
}

/** Every 5 minutes: mail unsent 2 minutes after it was queued is enqueued again (same jobId). */
export const REQUEUE_STUCK_MAIL_SCHEDULE: JobSchedule<MailJobPayloads[typeof REQUEUE_STUCK_MAIL]> = {
  queue: MAIL_QUEUE,
  schedulerId: 'requeue-stuck-mail',
  pattern: '*/5 * * * *',
  job: { name: REQUEUE_STUCK_MAIL, data: { requestedBy: 'schedule' } },
};

/** How old an unsent row must be before the sweep enqueues it again. */
export const STUCK_AFTER_SECONDS = 120;
