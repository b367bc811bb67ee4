import type { Transaction } from '#haven/audit';

/** One email (the shape of #haven/mail's OutgoingMail). */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** What certification needs of the mail outbox: store in the caller's transaction, send after commit, once per key. */
export interface CertificationOutbox {
  queue(tx: Transaction, messageKey: string, mail: OutgoingMail): Promise<boolean>;
}

export const CERTIFICATION_OUTBOX = Symbol('CertificationOutbox');
