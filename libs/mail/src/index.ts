export type { OutgoingMail } from './outgoing-mail.js';
export { MailOutbox } from './mail-outbox.js';
export { MailModule } from './mail.module.js';
export { MailJobsModule } from './mail-jobs.module.js';
export { MAIL_QUEUE, SEND_MAIL, REQUEUE_STUCK_MAIL, type MailJobPayloads } from './mail.queue.js';
export { MESSAGE_KEY_HEADER } from './mail-sender.js';
