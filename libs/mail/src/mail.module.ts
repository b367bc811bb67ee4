import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueModule } from '#haven/platform';
import { MailOutboxRepository } from './mail-outbox.repository.js';
import { MailOutbox } from './mail-outbox.js';
import { MAIL_QUEUE } from './mail.queue.js';
import { OutboxCipher } from './outbox-cipher.js';

/** Import in a feature module to inject MailOutbox (it brings the queue connection with it). */
@Module({
  imports: [QueueModule, BullModule.registerQueue({ name: MAIL_QUEUE })],
  providers: [MailOutboxRepository, OutboxCipher, MailOutbox],
  exports: [MailOutboxRepository, OutboxCipher, MailOutbox, BullModule],
})
export class MailModule {}
