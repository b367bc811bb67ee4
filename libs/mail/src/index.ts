// TEMPORARY SHIM (never committed): the mail helper's lib replaces it on merge.
import { Injectable, Module } from '@nestjs/common';
import type { Transaction } from '#haven/audit';
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}
export const SHIM_SENT: { messageKey: string; mail: OutgoingMail }[] = [];
@Injectable()
export class MailOutbox {
  async queue(tx: Transaction, messageKey: string, mail: OutgoingMail): Promise<boolean> {
    tx.afterCommit(async () => SHIM_SENT.push({ messageKey, mail }));
    return true;
  }
}
@Module({ providers: [MailOutbox], exports: [MailOutbox] })
export class MailModule {}
