import { Injectable } from '@nestjs/common';
import type { Queries } from '#haven/audit';
import type { SealedMail } from './outbox-cipher.js';

/** An unsettled outbox row, as the worker reads it (locked for this transaction). */
export interface OutboxRow {
  id: string;
  messageKey: string;
  toEnc: string;
  bodyEnc: string;
  attempts: number;
}

export type OutboxState = { state: 'unsettled'; row: OutboxRow } | { state: 'settled' | 'missing' | 'locked' };

/** The SQL of the mail_outbox table, one named function per statement. */
@Injectable()
export class MailOutboxRepository {
  /** True when the row was stored; false when the message key was already there. */
  async insertIfNew(db: Queries, id: string, messageKey: string, sealed: SealedMail): Promise<boolean> {
    const rows = await db.query(
      `INSERT INTO mail_outbox (id, message_key, to_enc, body_enc) VALUES ($1, $2, $3, $4)
       ON CONFLICT (message_key) DO NOTHING RETURNING id`,
      [id, messageKey, sealed.toEnc, sealed.bodyEnc],
    );
    return rows.length === 1;
  }

  /**
   * Locks the row for this transaction without waiting: 'locked' means another worker is sending
   * it right now (a stalled job running twice), and this one must not send it as well.
   */
  async lockForSending(db: Queries, id: string): Promise<OutboxState> {
    const [row] = await db.query<OutboxRow & { settled: boolean }>(
      `SELECT id, message_key AS "messageKey", to_enc AS "toEnc", body_enc AS "bodyEnc", attempts,
              (sent_at IS NOT NULL OR failed_at IS NOT NULL) AS settled
         FROM mail_outbox WHERE id = $1 FOR UPDATE SKIP LOCKED`,
      [id],
    );
    if (row) {
      if (row.settled) return { state: 'settled' };
      const { settled: _settled, ...unsettled } = row;
      return { state: 'unsettled', row: unsettled };
    }
    const [exists] = await db.query(`SELECT 1 FROM mail_outbox WHERE id = $1`, [id]);
    return { state: exists ? 'locked' : 'missing' };
  }

  /** Sent: the content is deleted, the row (and its message key) stays. */
  async markSent(db: Queries, id: string): Promise<void> {
    await db.query(
      `UPDATE mail_outbox SET sent_at = now(), to_enc = NULL, body_enc = NULL, attempts = attempts + 1, last_error = NULL
        WHERE id = $1`,
      [id],
    );
  }

  /** A failed try: counted, with a reason that holds no address (see sanitized errors). */
  async markAttemptFailed(db: Queries, id: string, reason: string): Promise<void> {
    await db.query(`UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [id, reason]);
  }

  /** Refused for good (a permanent SMTP error): the content is deleted, nothing will retry it. */
  async markFailed(db: Queries, id: string, reason: string): Promise<void> {
    await db.query(
      `UPDATE mail_outbox SET failed_at = now(), to_enc = NULL, body_enc = NULL, attempts = attempts + 1, last_error = $2
        WHERE id = $1`,
      [id, reason],
    );
  }

  /** Unsettled rows queued more than `olderThanSeconds` ago, oldest first. */
  async unsettledIds(db: Queries, olderThanSeconds: number, limit: number): Promise<string[]> {
    const rows = await db.query<{ id: string }>(
      `SELECT id FROM mail_outbox
        WHERE sent_at IS NULL AND failed_at IS NULL AND created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT $2`,
      [olderThanSeconds, limit],
    );
    return rows.map((row) => row.id);
  }
}
