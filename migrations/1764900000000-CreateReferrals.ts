import type { MigrationInterface, QueryRunner } from 'typeorm';

const COACH_TABLES = [
  'coach_settings',
  'providers',
  'provider_vettings',
  'client_referrals',
  'client_endings',
  'provider_revetting_reminders',
];

/**
 * Vetted referrals (PRACTICE_VETTED_REFERRAL, PRACTICE_NO_ABANDON, SCOPE_CRISIS): each coach's
 * providers with their vettings, referrals and endings of engagements, the per-coach vetting
 * period, and the claims of re-vetting reminders. Provider details are the coach's professional
 * contacts (plaintext, behind row-level security); vetting notes are under the vault key; what a
 * referral or an ending says about a client is under the client key (docs/threat-model.md).
 */
export class CreateReferrals1764900000000 implements MigrationInterface {
  name = 'CreateReferrals1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The engagement lifecycle gains `paused` (SCOPE_CRISIS: on hold while the client is helped to therapy).
    await queryRunner.query(`ALTER TABLE clients DROP CONSTRAINT clients_status_check`);
    await queryRunner.query(`
      ALTER TABLE clients ADD CONSTRAINT clients_status_check
        CHECK (status IN ('active', 'paused', 'referral_required', 'referred', 'ended'))`);

    await queryRunner.query(`
      CREATE TABLE coach_settings (
        coach_id uuid PRIMARY KEY REFERENCES accounts(id),
        vetting_period_months integer NOT NULL CHECK (vetting_period_months BETWEEN 1 AND 60),
        updated_at timestamptz NOT NULL
      )`);

    await queryRunner.query(`
      CREATE TABLE providers (
        id uuid PRIMARY KEY,
        coach_id uuid NOT NULL REFERENCES accounts(id),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('therapist', 'psychiatrist', 'physician', 'hospital', 'crisis_line',
                                           'support_group', 'coach', 'other')),
        organization text,
        contact text NOT NULL,
        specialties text[] NOT NULL,
        -- The latest vetting day: what the re-vetting sweep and the referral check read.
        last_vetted_on date NOT NULL,
        archived_at timestamptz,
        created_at timestamptz NOT NULL,
        CONSTRAINT providers_id_coach_key UNIQUE (id, coach_id)
      )`);
    await queryRunner.query(`CREATE INDEX providers_by_coach ON providers (coach_id, seq)`);
    await queryRunner.query(
      `CREATE INDEX providers_live_by_vetting ON providers (last_vetted_on) WHERE archived_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE provider_vettings (
        id uuid PRIMARY KEY,
        coach_id uuid NOT NULL REFERENCES accounts(id),
        provider_id uuid NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        vetted_on date NOT NULL,
        notes_enc text NOT NULL,
        created_at timestamptz NOT NULL,
        FOREIGN KEY (provider_id, coach_id) REFERENCES providers (id, coach_id)
      )`);
    await queryRunner.query(`CREATE INDEX provider_vettings_by_provider ON provider_vettings (provider_id, seq)`);

    // The provider a referral names is inside the ciphertext: "this client was referred to a
    // psychiatrist" says what happened. So is the reason. Providers are never deleted (no grant).
    await queryRunner.query(`
      CREATE TABLE client_referrals (
        id uuid PRIMARY KEY,
        coach_id uuid NOT NULL REFERENCES accounts(id),
        client_id uuid NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        referral_enc text NOT NULL,
        created_at timestamptz NOT NULL,
        FOREIGN KEY (client_id, coach_id) REFERENCES clients (id, coach_id)
      )`);
    await queryRunner.query(`CREATE INDEX client_referrals_by_client ON client_referrals (client_id, seq)`);

    await queryRunner.query(`
      CREATE TABLE client_endings (
        id uuid PRIMARY KEY,
        coach_id uuid NOT NULL REFERENCES accounts(id),
        client_id uuid NOT NULL UNIQUE,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        referral_id uuid NOT NULL REFERENCES client_referrals(id),
        ending_enc text NOT NULL,
        created_at timestamptz NOT NULL,
        FOREIGN KEY (client_id, coach_id) REFERENCES clients (id, coach_id)
      )`);

    // One row per reminder that was decided: (provider, due day) is unique, so two sweeps at once,
    // or a sweep run again after a crash, cannot both claim it (INSERT ... ON CONFLICT DO NOTHING).
    await queryRunner.query(`
      CREATE TABLE provider_revetting_reminders (
        provider_id uuid NOT NULL,
        due_on date NOT NULL,
        coach_id uuid NOT NULL REFERENCES accounts(id),
        claimed_at timestamptz NOT NULL,
        PRIMARY KEY (provider_id, due_on),
        FOREIGN KEY (provider_id, coach_id) REFERENCES providers (id, coach_id)
      )`);

    for (const table of COACH_TABLES) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`
        CREATE POLICY ${table}_own_rows ON ${table}
          USING (coach_id::text = current_setting('app.current_coach', true))
          WITH CHECK (coach_id::text = current_setting('app.current_coach', true))`);
      await queryRunner.query(`GRANT SELECT, INSERT ON ${table} TO haven_app`);
    }
    await queryRunner.query(`GRANT UPDATE (vetting_period_months, updated_at) ON coach_settings TO haven_app`);
    await queryRunner.query(`GRANT UPDATE (last_vetted_on, archived_at) ON providers TO haven_app`);

    // The daily sweep crosses coaches but must not bypass row-level security: the app role calls
    // this function, which runs as the owner role and answers provider ids, coach ids and dates
    // only (no names, no notes). The owner's read is a policy of its own, for SELECT, on these two
    // tables (FORCE applies RLS to the owner too); the app role never matches it.
    for (const table of ['providers', 'coach_settings']) {
      await queryRunner.query(`
        CREATE POLICY ${table}_revetting_sweep ON ${table} FOR SELECT TO CURRENT_USER USING (true)`);
    }
    await queryRunner.query(`
      CREATE FUNCTION providers_due_for_revetting(as_of date, within_days integer)
        RETURNS TABLE (provider_id uuid, coach_id uuid, last_vetted_on date, vetting_period_months integer)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$
        SELECT p.id, p.coach_id, p.last_vetted_on, coalesce(s.vetting_period_months, 12)
          FROM providers p LEFT JOIN coach_settings s ON s.coach_id = p.coach_id
         WHERE p.archived_at IS NULL
           AND p.last_vetted_on <= as_of + within_days
           AND (p.last_vetted_on + make_interval(months => coalesce(s.vetting_period_months, 12)))::date
               <= as_of + within_days
         ORDER BY p.coach_id, p.id
      $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION providers_due_for_revetting(date, integer) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION providers_due_for_revetting(date, integer) TO haven_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION providers_due_for_revetting(date, integer)`);
    for (const table of [...COACH_TABLES].reverse()) await queryRunner.query(`DROP TABLE ${table}`);
    await queryRunner.query(`UPDATE clients SET status = 'active' WHERE status = 'paused'`);
    await queryRunner.query(`ALTER TABLE clients DROP CONSTRAINT clients_status_check`);
    await queryRunner.query(`
      ALTER TABLE clients ADD CONSTRAINT clients_status_check
        CHECK (status IN ('active', 'referral_required', 'referred', 'ended'))`);
  }
}
