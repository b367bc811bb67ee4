import { Module } from '@nestjs/common';
import { AuditModule } from '#haven/audit';
import { MailProcessor } from './jobs/mail.processor.js';
import { MailSender } from './mail-sender.js';
import { MailModule } from './mail.module.js';
import { REQUEUE_STUCK_MAIL_SCHEDULE } from './mail.queue.js';

/** The worker side of mail: the processor that sends, and the sweep that re-enqueues stuck mail. */
@Module({
  imports: [MailModule, AuditModule],
  providers: [MailSender, MailProcessor],
})
export class MailJobsModule {
  static readonly schedules = [REQUEUE_STUCK_MAIL_SCHEDULE];
}
