import type { MigrationInterface, QueryRunner } from 'typeorm';

// The coach-owned certification tables. Each is reached by three identities, each through a
// transaction-local setting (docs/decisions.md "Certification reaches its rows through three scopes"):
// the coach (app.current_coach), a certifier of the coach's body (app.current_certifier, the
// certifier's account id, resolved to its body through `certifiers`), and the renewal sweep
// (app.sweeper = 'renewals'). None of these policies exists on clients, sessions or any *_enc table.
const COACH_OWNED = [
  'certifications',
  'certification_cycles',
  'ethics_reviews',
  'renewal_reminders',
  'certification_review_cases',
  'audit_sample_requests',
] as const;

// What the sweep may touch, and how: it reads standing and reviews, claims reminders, lapses cycles.
const SWEEPER_COMMANDS: Partial<Record<(typeof COACH_OWNED)[number], string[]>> = {
  certifications: ['SELECT'],
  certification_cycles: ['SELECT', 'UPDATE'],
  ethics_reviews: ['SELECT'],
  renewal_reminders: ['SELECT', 'INSERT'],
};

const COACH = `coach_id::text = current_setting('app.current_coach', true)`;
// '' (or no setting) matches no certifier row, so the subquery is NULL and the policy false.
const CERTIFIER = `body_id = (SELECT c.body_id FROM certifiers c
                               WHERE c.account_id::text = current_setting('app.current_certifier', true))`;
const SWEEPER = `current_setting('app.sweeper', true) = 'renewals'`;

/**
 * Certification bodies, their certifiers, and each coach's certification (CERT_RENEWAL,
 * CERT_ETHICS_REVIEW, CERT_REMINDERS, CERT_AUDIT). No table here holds client data.
 */
export class CreateCertifications1765000000000 implements MigrationInterface {
  name = 'CreateCertifications1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Bodies and certifier memberships belong to no coach: like accounts, no row-level security.
    await queryRunner.query(`
      CREATE TABLE certification_bodies (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        renewal_period_months integer NOT NULL CHECK (renewal_period_months BETWEEN 1 AND 120),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE certifiers (
        account_id uuid PRIMARY KEY REFERENCES accounts(id),
        body_id uuid NOT NULL REFERENCES certification_bodies(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX certifiers_by_body ON certifiers (body_id)`);

    await queryRunner.query(`
      CREATE TABLE certifications (
        coach_id uuid PRIMARY KEY REFERENCES accounts(id),
        body_id uuid NOT NULL REFERENCES certification_bodies(id),
        credential_number text NOT NULL,
        standing text NOT NULL DEFAULT 'good' CHECK (standing IN ('good', 'suspended', 'revoked')),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (coach_id, body_id)
      )`);
    await queryRunner.query(`CREATE INDEX certifications_by_body ON certifications (body_id, coach_id)`);

    // One row per cycle; the open one has renewed_at NULL. lapsed_on is what a sweep decided, as of
    // its date: it stays until a renewal or a reinstatement.
    await queryRunner.query(`
      CREATE TABLE certification_cycles (
        id uuid PRIMARY KEY,
        coach_id uuid NOT NULL,
        body_id uuid NOT NULL,
        seq integer NOT NULL CHECK (seq >= 1),
        issued_on date NOT NULL,
        expires_on date NOT NULL CHECK (expires_on > issued_on),
        lapsed_on date,
        renewed_at timestamptz,
        FOREIGN KEY (coach_id, body_id) REFERENCES certifications (coach_id, body_id),
        UNIQUE (coach_id, seq)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX certification_cycles_one_open ON certification_cycles (coach_id) WHERE renewed_at IS NULL`,
    );
    // What the sweep scans: open, not yet lapsed cycles by expiry. Its cost follows the window, not the total.
    await queryRunner.query(
      `CREATE INDEX certification_cycles_sweep ON certification_cycles (expires_on, id)
         WHERE renewed_at IS NULL AND lapsed_on IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE ethics_reviews (
        id uuid PRIMARY KEY,
        coach_id uuid NOT NULL,
        body_id uuid NOT NULL,
        course_name text NOT NULL,
        completed_on date NOT NULL,
        certificate_id text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (coach_id, body_id) REFERENCES certifications (coach_id, body_id)
      )`);
    await queryRunner.query(`CREATE INDEX ethics_reviews_by_coach ON ethics_reviews (coach_id, completed_on)`);

    // The claim of one reminder of one cycle: the primary key is what makes it exactly once.
    // 'queued': its email is in the mail outbox (which is its pending state); 'skipped': superseded
    // by a more urgent reminder claimed late, never sent.
    await queryRunner.query(`
      CREATE TABLE renewal_reminders (
        cycle_id uuid NOT NULL REFERENCES certification_cycles(id),
        days_before smallint NOT NULL CHECK (days_before IN (90, 60, 30, 14, 7, 1)),
        coach_id uuid NOT NULL,
        body_id uuid NOT NULL,
        state text NOT NULL CHECK (state IN ('queued', 'skipped')),
        as_of date NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cycle_id, days_before)
      )`);
    await queryRunner.query(`CREATE INDEX renewal_reminders_by_coach ON renewal_reminders (coach_id)`);

    await queryRunner.query(`
      CREATE TABLE certification_review_cases (
        id uuid PRIMARY KEY,
        coach_id uuid NOT NULL,
        body_id uuid NOT NULL,
        certifier_id uuid NOT NULL REFERENCES accounts(id),
        action text NOT NULL CHECK (action IN ('suspend', 'revoke', 'reinstate')),
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (coach_id, body_id) REFERENCES certifications (coach_id, body_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX certification_review_cases_by_coach ON certification_review_cases (coach_id, created_at)`,
    );

    await queryRunner.query(`
      CREATE TABLE audit_sample_requests (
        sample_id uuid NOT NULL,
        coach_id uuid NOT NULL,
        body_id uuid NOT NULL,
        certifier_id uuid NOT NULL REFERENCES accounts(id),
        evidence_due_on date NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz,
        PRIMARY KEY (sample_id, coach_id),
        FOREIGN KEY (coach_id, body_id) REFERENCES certifications (coach_id, body_id)
      )`);
    await queryRunner.query(`CREATE INDEX audit_sample_requests_by_coach ON audit_sample_requests (coach_id)`);

    // A random audit sample of one body: who could be drawn and who was (CERT_AUDIT). Owned by the
    // body, not a coach (the drawn coaches' requests are in audit_sample_requests, behind RLS).
    await queryRunner.query(`
      CREATE TABLE audit_samples (
        id uuid PRIMARY KEY,
        body_id uuid NOT NULL REFERENCES certification_bodies(id),
        certifier_id uuid NOT NULL REFERENCES accounts(id),
        percent integer NOT NULL CHECK (percent BETWEEN 1 AND 100),
        expiring_within_days integer NOT NULL,
        evidence_due_on date NOT NULL,
        population uuid[] NOT NULL,
        drawn uuid[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    for (const table of COACH_OWNED) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`CREATE POLICY ${table}_own_rows ON ${table} USING (${COACH}) WITH CHECK (${COACH})`);
      await queryRunner.query(
        `CREATE POLICY ${table}_certifier_body ON ${table} USING (${CERTIFIER}) WITH CHECK (${CERTIFIER})`,
      );
      for (const command of SWEEPER_COMMANDS[table] ?? []) {
        const check =
          command === 'SELECT'
            ? `USING (${SWEEPER})`
            : command === 'INSERT'
              ? `WITH CHECK (${SWEEPER})`
              : `USING (${SWEEPER}) WITH CHECK (${SWEEPER})`;
        await queryRunner.query(
          `CREATE POLICY ${table}_sweeper_${command.toLowerCase()} ON ${table} FOR ${command} ${check}`,
        );
      }
      await queryRunner.query(`GRANT SELECT, INSERT ON ${table} TO haven_app`);
    }
    await queryRunner.query(`GRANT SELECT, INSERT ON certification_bodies, certifiers, audit_samples TO haven_app`);
    await queryRunner.query(`GRANT UPDATE (standing) ON certifications TO haven_app`);
    await queryRunner.query(`GRANT UPDATE (lapsed_on, renewed_at) ON certification_cycles TO haven_app`);
    await queryRunner.query(`GRANT UPDATE (answered_at) ON audit_sample_requests TO haven_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...COACH_OWNED].reverse()) await queryRunner.query(`DROP TABLE ${table}`);
    await queryRunner.query(`DROP TABLE audit_samples`);
    await queryRunner.query(`DROP TABLE certifiers`);
    await queryRunner.query(`DROP TABLE certification_bodies`);
  }
}
