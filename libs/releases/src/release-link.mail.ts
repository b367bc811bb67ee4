import { Injectable } from '@nestjs/common';
import type { Transaction } from '#haven/audit';
import { MailOutbox } from '#haven/mail';
import { HavenConfig } from '#haven/platform';

/**
 * The email that carries a signing link to the client. The link is `<public URL>/r#<token>`: the
 * token rides in the fragment, which browsers never send, so it reaches no access log. The email
 * names no recipient and no purpose (those are on the page, behind the link).
 */
@Injectable()
export class ReleaseLinkMail {
  constructor(
    private readonly outbox: MailOutbox,
    private readonly config: HavenConfig,
  ) {}

  /** Queued in the caller's transaction; sent after it commits, once per link. */
  async queue(tx: Transaction, link: { linkId: string; token: string; to: string }): Promise<void> {
    const url = `${this.config.releases.publicUrl}/r#${link.token}`;
    await this.outbox.queue(tx, `release-link:${link.linkId}`, {
      to: link.to,
      subject: 'Your coach asks for your permission to share information',
      text: [
        'Hello,',
        '',
        'Your coach would like your written permission to share some information about you with',
        'someone else. The page below says who, what and why. Please read it before you decide.',
        '',
        'Read the release, and sign it if you agree:',
        url,
        '',
        'The link works for 7 days. You do not have to sign: your coaching does not depend on it.',
        'If you sign, you can come back to the same link to download your copy or to revoke it.',
        '',
        'Keep this email private: anyone with the link can read the release.',
        'If you did not expect this email, you can ignore it.',
      ].join('\n'),
    });
  }
}
