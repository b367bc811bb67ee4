import { Injectable } from '@nestjs/common';
import type { Queries } from '#haven/audit';
import { type LocalDate, REMINDER_OFFSETS_DAYS } from '#haven/ethics';

/** An open cycle whose reminder may be due, with what its email needs (the coach's own email only). */
export interface ReminderCandidate {
  cycleId: string;
  coachId: string;
  bodyId: string;
  bodyName: string;
  credentialNumber: string;
  issuedOn: LocalDate;
  expiresOn: LocalDate;
  coachEmail: string;
  ethicsReviewCompletedOn: LocalDate | null;
  /** Offsets already claimed (queued or skipped) in this cycle. */
  claimed: number[];
}

export interface LapsedCycle {
  cycleId: string;
  coachId: string;
  bodyId: string;
  bodyName: string;
  credentialNumber: string;
  expiresOn: LocalDate;
  coachDisplayName: string;
}

/** Where a batch scan stopped: the next batch starts strictly after it, so every scan ends. */
export interface SweepPosition {
  expiresOn: LocalDate;
  cycleId: string;
}

const OFFSETS = `'{${REMINDER_OFFSETS_DAYS.join(',')}}'::int[]`;

/**
 * The sweep's statements, run as the renewal sweeper (app.sweeper). Each reads the open, not yet
 * lapsed cycles through the partial index `certification_cycles_sweep` on expires_on, so its cost
 * follows the cycles in the window, not every certification. FOR UPDATE SKIP LOCKED lets two sweeps
 * at once share the work instead of waiting on each other; the claims keep them from doubling it.
 */
@Injectable()
export class SweepRepository {
  /**
   * Up to `limit` cycles within the 90 days before expiry whose most urgent reached reminder is not
   * claimed (nor anything more urgent), locked for this transaction.
   */
  reminderCandidates(
    db: Queries,
    asOf: LocalDate,
    after: SweepPosition | null,
    limit: number,
  ): Promise<ReminderCandidate[]> {
    return db.query<ReminderCandidate>(
      `SELECT y.id AS "cycleId", y.coach_id AS "coachId", y.body_id AS "bodyId", b.name AS "bodyName",
              c.credential_number AS "credentialNumber", y.issued_on::text AS "issuedOn",
              y.expires_on::text AS "expiresOn", a.email AS "coachEmail",
              (SELECT max(r.completed_on)::text FROM ethics_reviews r
                WHERE r.coach_id = y.coach_id AND r.completed_on <= $1::date) AS "ethicsReviewCompletedOn",
              ARRAY(SELECT m.days_before::int FROM renewal_reminders m WHERE m.cycle_id = y.id) AS claimed
         FROM certification_cycles y
         JOIN certifications c ON c.coach_id = y.coach_id
         JOIN certification_bodies b ON b.id = y.body_id
         JOIN accounts a ON a.id = y.coach_id
        WHERE y.renewed_at IS NULL AND y.lapsed_on IS NULL
          AND y.expires_on > $1::date AND y.expires_on <= $1::date + ${Math.max(...REMINDER_OFFSETS_DAYS)}
          AND ($2::date IS NULL OR (y.expires_on, y.id) > ($2::date, $3::uuid))
          AND c.standing = 'good'
          AND NOT EXISTS (
                SELECT FROM renewal_reminders m
                 WHERE m.cycle_id = y.id
                   AND m.days_before <= (SELECT min(o) FROM unnest(${OFFSETS}) o WHERE o >= y.expires_on - $1::date))
        ORDER BY y.expires_on, y.id
        LIMIT $4
        FOR UPDATE OF y SKIP LOCKED`,
      [asOf, after?.expiresOn ?? null, after?.cycleId ?? null, limit],
    );
  }

  /**
   * Claims the reminder `sent` of a cycle and, as `skipped`, the less urgent ones not claimed yet,
   * each once: returns the offsets this call inserted (the sent one is among them only if this call
   * claimed it, and only then may its email be queued).
   */
  async claimReminders(
    db: Queries,
    claim: { cycleId: string; coachId: string; bodyId: string; asOf: LocalDate; sent: number; skipped: number[] },
  ): Promise<number[]> {
    const offsets = [claim.sent, ...claim.skipped];
    const states = offsets.map((offset) => (offset === claim.sent ? 'queued' : 'skipped'));
    const rows = await db.query<{ daysBefore: number }>(
      `INSERT INTO renewal_reminders (cycle_id, days_before, coach_id, body_id, state, as_of)
       SELECT $1, o.days_before, $2, $3, o.state, $4
         FROM unnest($5::smallint[], $6::text[]) AS o(days_before, state)
       ON CONFLICT DO NOTHING
       RETURNING days_before::int AS "daysBefore"`,
      [claim.cycleId, claim.coachId, claim.bodyId, claim.asOf, offsets, states],
    );
    return rows.map((row) => row.daysBefore);
  }

  /**
   * Stores the lapse of up to `limit` open cycles that expired on or before `asOf` (CERT_RENEWAL),
   * each once: a cycle another sweep holds is skipped, and a lapsed one leaves the index.
   */
  lapseExpired(db: Queries, asOf: LocalDate, limit: number): Promise<LapsedCycle[]> {
    return db.query<LapsedCycle>(
      `WITH due AS (
         SELECT y.id FROM certification_cycles y
           JOIN certifications c ON c.coach_id = y.coach_id
          WHERE y.renewed_at IS NULL AND y.lapsed_on IS NULL AND y.expires_on <= $1::date AND c.standing = 'good'
          ORDER BY y.expires_on, y.id
          LIMIT $2
          FOR UPDATE OF y SKIP LOCKED)
       UPDATE certification_cycles y SET lapsed_on = $1::date
         FROM due, certifications c, certification_bodies b, accounts a
        WHERE y.id = due.id AND c.coach_id = y.coach_id AND b.id = y.body_id AND a.id = y.coach_id
        RETURNING y.id AS "cycleId", y.coach_id AS "coachId", y.body_id AS "bodyId", b.name AS "bodyName",
                  c.credential_number AS "credentialNumber", y.expires_on::text AS "expiresOn",
                  a.display_name AS "coachDisplayName"`,
      [asOf, limit],
    );
  }
}
