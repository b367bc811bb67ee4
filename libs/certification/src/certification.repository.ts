import { Injectable } from '@nestjs/common';
import type { Queries } from '#haven/audit';
import type { LocalDate } from '#haven/ethics';
import { keysetPageSql, type PageRequest } from '#haven/platform';

export type Standing = 'good' | 'suspended' | 'revoked';
export type ReviewAction = 'suspend' | 'revoke' | 'reinstate';

export interface BodyRow {
  id: string;
  name: string;
  renewalPeriodMonths: number;
}

/** A certification with its open cycle and the coach's latest ethics review (dates as YYYY-MM-DD). */
export interface CertificationRow {
  coachId: string;
  bodyId: string;
  credentialNumber: string;
  standing: Standing;
  cycleId: string;
  cycleSeq: number;
  issuedOn: LocalDate;
  expiresOn: LocalDate;
  lapsedOn: LocalDate | null;
  /** The latest completion not after `asOf`. */
  ethicsReviewCompletedOn: LocalDate | null;
  displayName: string;
  remindersSent: number;
}

export interface CycleRow {
  id: string;
  seq: number;
  issuedOn: LocalDate;
  expiresOn: LocalDate;
  lapsedOn: LocalDate | null;
  renewedAt: Date | null;
}

export interface EthicsReviewRow {
  id: string;
  courseName: string;
  completedOn: LocalDate;
  certificateId: string;
  recordedAt: Date;
}

export interface ReminderRow {
  cycleId: string;
  daysBefore: number;
  state: 'queued' | 'skipped';
  asOf: LocalDate;
  claimedAt: Date;
}

export interface ReviewCaseRow {
  id: string;
  action: ReviewAction;
  reason: string;
  certifierId: string;
  createdAt: Date;
}

export interface AuditRequestRow {
  sampleId: string;
  evidenceDueOn: LocalDate;
  requestedAt: Date;
  answeredAt: Date | null;
}

const CERTIFICATION_COLUMNS = `
  c.coach_id AS "coachId", c.body_id AS "bodyId", c.credential_number AS "credentialNumber",
  c.standing, y.id AS "cycleId", y.seq AS "cycleSeq", y.issued_on::text AS "issuedOn",
  y.expires_on::text AS "expiresOn", y.lapsed_on::text AS "lapsedOn", a.display_name AS "displayName",
  (SELECT max(r.completed_on)::text FROM ethics_reviews r
    WHERE r.coach_id = c.coach_id AND r.completed_on <= $1::date) AS "ethicsReviewCompletedOn",
  (SELECT count(*)::int FROM renewal_reminders m
    WHERE m.cycle_id = y.id AND m.state = 'queued') AS "remindersSent"`;

const CERTIFICATION_FROM = `
  FROM certifications c
  JOIN certification_cycles y ON y.coach_id = c.coach_id AND y.renewed_at IS NULL
  JOIN accounts a ON a.id = c.coach_id`;

// The status as SQL, for filtering a page: the same order as ethics' certificationStatus (revoked,
// suspended, lapsed from expiry or a stored lapse, renewal_due within $2 days). The service maps
// each row through certificationStatus itself; this only selects the rows.
const STATUS_SQL = `CASE WHEN c.standing = 'revoked' THEN 'revoked'
  WHEN c.standing = 'suspended' THEN 'suspended'
  WHEN y.lapsed_on IS NOT NULL OR y.expires_on <= $1::date THEN 'lapsed'
  WHEN y.expires_on - $1::date <= $2 THEN 'renewal_due' ELSE 'active' END`;

/** Named queries over bodies, certifiers and certifications. Every read runs under the caller's RLS scope. */
@Injectable()
export class CertificationRepository {
  async insertBody(db: Queries, body: BodyRow): Promise<void> {
    await db.query(`INSERT INTO certification_bodies (id, name, renewal_period_months) VALUES ($1, $2, $3)`, [
      body.id,
      body.name,
      body.renewalPeriodMonths,
    ]);
  }

  async findBody(db: Queries, bodyId: string): Promise<BodyRow | null> {
    const [row] = await db.query<BodyRow>(
      `SELECT id, name, renewal_period_months AS "renewalPeriodMonths" FROM certification_bodies WHERE id = $1`,
      [bodyId],
    );
    return row ?? null;
  }

  async insertCertifier(db: Queries, accountId: string, bodyId: string): Promise<void> {
    await db.query(`INSERT INTO certifiers (account_id, body_id) VALUES ($1, $2)`, [accountId, bodyId]);
  }

  /** The body a certifier belongs to (certifiers has no RLS: it names no coach). */
  async bodyOfCertifier(db: Queries, certifierId: string): Promise<BodyRow | null> {
    const [row] = await db.query<BodyRow>(
      `SELECT b.id, b.name, b.renewal_period_months AS "renewalPeriodMonths"
         FROM certifiers c JOIN certification_bodies b ON b.id = c.body_id WHERE c.account_id = $1`,
      [certifierId],
    );
    return row ?? null;
  }

  /** The certifiers of a body with their email (accounts hold emails in plaintext by design). */
  certifiersOfBody(db: Queries, bodyId: string): Promise<{ id: string; email: string }[]> {
    return db.query(
      `SELECT a.id, a.email FROM certifiers c JOIN accounts a ON a.id = c.account_id WHERE c.body_id = $1 ORDER BY a.id`,
      [bodyId],
    );
  }

  async findCoachByEmail(db: Queries, email: string): Promise<{ id: string } | null> {
    const [row] = await db.query<{ id: string }>(`SELECT id FROM accounts WHERE email = $1 AND role = 'coach'`, [
      email,
    ]);
    return row ?? null;
  }

  async coachContact(db: Queries, coachId: string): Promise<{ email: string; displayName: string } | null> {
    const [row] = await db.query<{ email: string; displayName: string }>(
      `SELECT email, display_name AS "displayName" FROM accounts WHERE id = $1`,
      [coachId],
    );
    return row ?? null;
  }

  /** Inserts the certification unless the coach already holds one (of any body); true when inserted. */
  async insertCertification(
    db: Queries,
    row: { coachId: string; bodyId: string; credentialNumber: string },
  ): Promise<boolean> {
    const inserted = await db.query(
      `INSERT INTO certifications (coach_id, body_id, credential_number) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING coach_id`,
      [row.coachId, row.bodyId, row.credentialNumber],
    );
    return inserted.length === 1;
  }

  async insertCycle(
    db: Queries,
    row: { id: string; coachId: string; bodyId: string; seq: number; issuedOn: LocalDate; expiresOn: LocalDate },
  ): Promise<void> {
    await db.query(
      `INSERT INTO certification_cycles (id, coach_id, body_id, seq, issued_on, expires_on) VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.id, row.coachId, row.bodyId, row.seq, row.issuedOn, row.expiresOn],
    );
  }

  /** Closes the open cycle (a renewal); false when it was no longer open (a concurrent renewal). */
  async closeCycle(db: Queries, cycleId: string): Promise<boolean> {
    const closed = await db.query(
      `UPDATE certification_cycles SET renewed_at = now() WHERE id = $1 AND renewed_at IS NULL RETURNING id`,
      [cycleId],
    );
    return closed.length === 1;
  }

  /** One certification visible to the scope, with its open cycle; null when RLS hides it or none exists. */
  async findCertification(db: Queries, coachId: string, asOf: LocalDate): Promise<CertificationRow | null> {
    const [row] = await db.query<CertificationRow>(
      `SELECT ${CERTIFICATION_COLUMNS} ${CERTIFICATION_FROM} WHERE c.coach_id = $2`,
      [asOf, coachId],
    );
    return row ?? null;
  }

  /** Locks the certification row for a status change or renewal, so two at once run one after the other. */
  async lockCertification(db: Queries, coachId: string): Promise<boolean> {
    return (await db.query(`SELECT 1 FROM certifications WHERE coach_id = $1 FOR UPDATE`, [coachId])).length === 1;
  }

  /** A page of the scope's certifications in coach id order, optionally of one status. */
  pageCertifications(
    db: Queries,
    query: { asOf: LocalDate; renewalDueWithinDays: number; status: string | null },
    page: PageRequest | null,
  ): Promise<CertificationRow[]> {
    const filter = `WHERE ($3::text IS NULL OR ${STATUS_SQL} = $3)`;
    const parameters: unknown[] = [query.asOf, query.renewalDueWithinDays, query.status];
    if (page === null) {
      return db.query(
        `SELECT ${CERTIFICATION_COLUMNS} ${CERTIFICATION_FROM} ${filter} ORDER BY c.coach_id`,
        parameters,
      );
    }
    const keyset = keysetPageSql('c.coach_id', { order: 'ASC' }, page, 4);
    return db.query(`SELECT ${CERTIFICATION_COLUMNS} ${CERTIFICATION_FROM} ${filter} ${keyset.sql}`, [
      ...parameters,
      ...keyset.parameters,
    ]);
  }

  cyclesOf(db: Queries, coachId: string): Promise<CycleRow[]> {
    return db.query(
      `SELECT id, seq, issued_on::text AS "issuedOn", expires_on::text AS "expiresOn", lapsed_on::text AS "lapsedOn",
              renewed_at AS "renewedAt"
         FROM certification_cycles WHERE coach_id = $1 ORDER BY seq`,
      [coachId],
    );
  }

  ethicsReviewsOf(db: Queries, coachId: string): Promise<EthicsReviewRow[]> {
    return db.query(
      `SELECT id, course_name AS "courseName", completed_on::text AS "completedOn", certificate_id AS "certificateId",
              recorded_at AS "recordedAt"
         FROM ethics_reviews WHERE coach_id = $1 ORDER BY completed_on, recorded_at`,
      [coachId],
    );
  }

  remindersOf(db: Queries, coachId: string): Promise<ReminderRow[]> {
    return db.query(
      `SELECT cycle_id AS "cycleId", days_before AS "daysBefore", state, as_of::text AS "asOf", claimed_at AS "claimedAt"
         FROM renewal_reminders WHERE coach_id = $1 ORDER BY claimed_at, days_before DESC`,
      [coachId],
    );
  }

  reviewCasesOf(db: Queries, coachId: string): Promise<ReviewCaseRow[]> {
    return db.query(
      `SELECT id, action, reason, certifier_id AS "certifierId", created_at AS "createdAt"
         FROM certification_review_cases WHERE coach_id = $1 ORDER BY created_at`,
      [coachId],
    );
  }

  auditRequestsOf(db: Queries, coachId: string): Promise<AuditRequestRow[]> {
    return db.query(
      `SELECT sample_id AS "sampleId", evidence_due_on::text AS "evidenceDueOn", requested_at AS "requestedAt",
              answered_at AS "answeredAt"
         FROM audit_sample_requests WHERE coach_id = $1 ORDER BY requested_at`,
      [coachId],
    );
  }

  async insertEthicsReview(
    db: Queries,
    row: {
      id: string;
      coachId: string;
      bodyId: string;
      courseName: string;
      completedOn: LocalDate;
      certificateId: string;
    },
  ): Promise<void> {
    await db.query(
      `INSERT INTO ethics_reviews (id, coach_id, body_id, course_name, completed_on, certificate_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.id, row.coachId, row.bodyId, row.courseName, row.completedOn, row.certificateId],
    );
  }

  async insertReviewCase(
    db: Queries,
    row: { id: string; coachId: string; bodyId: string; certifierId: string; action: ReviewAction; reason: string },
  ): Promise<void> {
    await db.query(
      `INSERT INTO certification_review_cases (id, coach_id, body_id, certifier_id, action, reason)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.id, row.coachId, row.bodyId, row.certifierId, row.action, row.reason],
    );
  }

  async setStanding(db: Queries, coachId: string, standing: Standing): Promise<void> {
    await db.query(`UPDATE certifications SET standing = $2 WHERE coach_id = $1`, [coachId, standing]);
  }

  /** A reinstatement also lifts a lapse a sweep stored on the open cycle. */
  async clearStoredLapse(db: Queries, coachId: string): Promise<void> {
    await db.query(
      `UPDATE certification_cycles SET lapsed_on = NULL WHERE coach_id = $1 AND renewed_at IS NULL AND lapsed_on IS NOT NULL`,
      [coachId],
    );
  }

  /** The body's coaches in good standing whose open cycle expires within [from, to] (an audit sample's population). */
  async expiringCoaches(db: Queries, from: LocalDate, to: LocalDate): Promise<string[]> {
    const rows = await db.query<{ coachId: string }>(
      `SELECT c.coach_id AS "coachId" FROM certifications c
         JOIN certification_cycles y ON y.coach_id = c.coach_id AND y.renewed_at IS NULL
        WHERE c.standing = 'good' AND y.expires_on BETWEEN $1::date AND $2::date
        ORDER BY c.coach_id`,
      [from, to],
    );
    return rows.map((row) => row.coachId);
  }

  async insertAuditSample(
    db: Queries,
    row: {
      id: string;
      bodyId: string;
      certifierId: string;
      percent: number;
      expiringWithinDays: number;
      evidenceDueOn: LocalDate;
      population: string[];
      drawn: string[];
    },
  ): Promise<void> {
    await db.query(
      `INSERT INTO audit_samples (id, body_id, certifier_id, percent, expiring_within_days, evidence_due_on, population, drawn)
       VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8::uuid[])`,
      [
        row.id,
        row.bodyId,
        row.certifierId,
        row.percent,
        row.expiringWithinDays,
        row.evidenceDueOn,
        row.population,
        row.drawn,
      ],
    );
  }

  async insertAuditRequest(
    db: Queries,
    row: { sampleId: string; coachId: string; bodyId: string; certifierId: string; evidenceDueOn: LocalDate },
  ): Promise<void> {
    await db.query(
      `INSERT INTO audit_sample_requests (sample_id, coach_id, body_id, certifier_id, evidence_due_on)
       VALUES ($1, $2, $3, $4, $5)`,
      [row.sampleId, row.coachId, row.bodyId, row.certifierId, row.evidenceDueOn],
    );
  }

  /** Marks one sampled coach's request answered; false when the scope sees no such request. */
  async answerAuditRequest(db: Queries, sampleId: string, coachId: string): Promise<boolean> {
    const rows = await db.query(
      `UPDATE audit_sample_requests SET answered_at = coalesce(answered_at, now())
        WHERE sample_id = $1 AND coach_id = $2 RETURNING sample_id`,
      [sampleId, coachId],
    );
    return rows.length === 1;
  }
}
