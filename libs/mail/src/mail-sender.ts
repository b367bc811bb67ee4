import { randomBytes } from 'node:crypto';
import { link, mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { HavenConfig } from '#haven/platform';
import type { OutgoingMail } from './outgoing-mail.js';

/** The header that names the message by ids only (tests and operators find a message by it). */
export const MESSAGE_KEY_HEADER = 'X-Haven-Message-Key';

/**
 * A failed send, described without the address or content (nodemailer's own message may quote the
 * recipient, and BullMQ keeps a failed job's reason in Redis): the SMTP command, reply code and
 * error code only. `permanent` when the server refused the message for good (5xx but 503).
 */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailSendError';
  }

  static from(error: unknown): MailSendError {
    const failure = (error ?? {}) as { code?: unknown; command?: unknown; responseCode?: unknown; permanent?: unknown };
    const parts = [
      typeof failure.code === 'string' && /^[A-Z0-9_]{1,32}$/.test(failure.code) ? failure.code : 'send failed',
      typeof failure.command === 'string' && /^[A-Z ]{1,16}$/.test(failure.command) ? `at ${failure.command}` : '',
      typeof failure.responseCode === 'number' ? `reply ${failure.responseCode}` : '',
    ];
    return new MailSendError(parts.filter(Boolean).join(' '), failure.permanent === true);
  }
}

/**
 * Delivers one message: through SMTP_URL when it is set, else as `<outbox id>.eml` in
 * MAIL_OUTBOX_DIR. The Message-ID derives from the outbox id, so a message sent twice (the window
 * between an SMTP server's acceptance and marking the row sent) is recognisably the same message.
 */
@Injectable()
export class MailSender implements OnApplicationShutdown {
  private smtp: Transporter | undefined;

  constructor(private readonly config: HavenConfig) {}

  async send(outboxId: string, messageKey: string, mail: OutgoingMail): Promise<void> {
    const message = this.message(outboxId, messageKey, mail);
    try {
      if (this.config.mail.smtpUrl) await this.transport(this.config.mail.smtpUrl).sendMail(message);
      else await this.writeFile(outboxId, message);
    } catch (error) {
      throw MailSendError.from(error);
    }
  }

  onApplicationShutdown(): void {
    this.smtp?.close();
  }

  private message(outboxId: string, messageKey: string, mail: OutgoingMail): SendMailOptions {
    const from = this.config.mail.from;
    const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'haven.invalid';
    return {
      from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html === undefined ? {} : { html: mail.html }),
      messageId: `<${outboxId}@${domain}>`,
      headers: { [MESSAGE_KEY_HEADER]: messageKey },
      // Never fetch a URL or read a file the content might name.
      disableFileAccess: true,
      disableUrlAccess: true,
    };
  }

  private transport(smtpUrl: string): Transporter {
    this.smtp ??= createTransport(smtpUrl);
    return this.smtp;
  }

  /**
   * Written under a temporary name and hard-linked to `<outbox id>.eml`: a reader never sees half a
   * file, and the link fails if the file exists, which means an earlier try wrote it (success).
   */
  private async writeFile(outboxId: string, message: SendMailOptions): Promise<void> {
    const raw = await new MailComposer(message).compile().build();
    const dir = this.config.mail.outboxDir;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temporary = join(dir, `.${outboxId}.${randomBytes(6).toString('hex')}.tmp`);
    await writeFile(temporary, raw, { mode: 0o600, flag: 'wx' });
    try {
      await link(temporary, join(dir, `${outboxId}.eml`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(temporary);
    }
  }
}
