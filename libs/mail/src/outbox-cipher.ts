import { Injectable } from '@nestjs/common';
import { decryptText, encrypt } from '#haven/crypto';
import { HavenConfig } from '#haven/platform';
import type { MailBody, OutgoingMail } from './outgoing-mail.js';

const KEY_ID = 'outbox-v1';
// The outbox belongs to the server, not to a coach: the owner part of the associated data says so.
const OWNER = 'server';
const PURPOSE = { to: 'mail-outbox-to', body: 'mail-outbox-body' } as const;

/** A queued message's columns, encrypted under HAVEN_OUTBOX_KEY and bound to their row. */
export interface SealedMail {
  toEnc: string;
  bodyEnc: string;
}

/** Encrypts and decrypts outbox rows (XChaCha20-Poly1305, associated data: purpose and row id). */
@Injectable()
export class OutboxCipher {
  constructor(private readonly config: HavenConfig) {}

  async seal(rowId: string, mail: OutgoingMail): Promise<SealedMail> {
    const body: MailBody = {
      subject: mail.subject,
      text: mail.text,
      ...(mail.html === undefined ? {} : { html: mail.html }),
    };
    const key = this.config.secrets.outboxKey;
    return {
      toEnc: await encrypt(key, KEY_ID, mail.to, { purpose: PURPOSE.to, rowId, ownerId: OWNER }),
      bodyEnc: await encrypt(key, KEY_ID, JSON.stringify(body), { purpose: PURPOSE.body, rowId, ownerId: OWNER }),
    };
  }

  async open(rowId: string, sealed: SealedMail): Promise<OutgoingMail> {
    const key = this.config.secrets.outboxKey;
    const to = await decryptText(key, sealed.toEnc, { purpose: PURPOSE.to, rowId, ownerId: OWNER });
    const body = JSON.parse(
      await decryptText(key, sealed.bodyEnc, { purpose: PURPOSE.body, rowId, ownerId: OWNER }),
    ) as MailBody;
    return { to, ...body };
  }
}
