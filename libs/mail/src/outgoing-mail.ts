/** One message Haven sends. `to` is a single address; `text` is required, `html` optional. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** What the outbox encrypts as the body: everything but the address. */
export type MailBody = Omit<OutgoingMail, 'to'>;

/**
 * A message key names a message by ids only (`release-link:<linkId>`), so it may sit in a
 * header, a log line and a unique index. Anything else (an address, an `@`, spaces) is refused.
 */
export const MESSAGE_KEY = /^[A-Za-z0-9:._-]{1,200}$/;
