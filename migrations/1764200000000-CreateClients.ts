import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A coach's clients, their goals and the supervision log. Every `*_enc` column is an EncString
 * under the client's own key; the client key is stored only wrapped under the coach's vault key
 * (`wrapped_key`, NULL once the client is deleted: crypto-shredding). Plaintext columns and why
 * they may be plaintext: docs/threat-model.md. Row-level security shows a coach only their rows.
 */
export class CreateClients1764200000000 implements MigrationInterface {
  name = 'CreateClients1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE clients (
        id uuid PRIMARY KEY,
        coach_id uuid NOT NULL REFERENCES accounts(id),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        status text NOT NULL CHECK (status IN ('active', 'referral_required', 'referred', 'ended')),
        wrapped_key text,
        full_name_enc text NOT NULL,
        email_enc text NOT NULL,
        date_of_birth_enc text NOT NULL,
        screening_enc text NOT NULL,
        supervision_sought_enc text NOT NULL,
        created_at timestamptz NOT NULL,
        deleted_at timestamptz,
        -- Lets child tables require that a row's coach is its client's coach.
        CONSTRAINT clients_id_coach_key UNIQUE (id, coach_id),
        CONSTRAINT clients_key_shredded_on_delete CHECK ((deleted_at IS NULL) = (wrapped_key IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX clients_live_by_coach ON clients (coach_id, seq) WHERE deleted_at IS NULL`);
    await protectCoachTable(queryRunner, 'clients');
    await queryRunner.query(`GRANT SELECT, INSERT ON clients TO haven_app`);
    // Only what changes after intake: status (referrals), the flag, and the key (shredding).
    await queryRunner.query(
      `GRANT UPDATE (status, supervision_sought_enc, wrapped_key, deleted_at) ON clients TO haven_app`,
    );

    await queryRunner.query(`
      CREATE TABLE client_goals (
        id uuid PRIMARY KEY,
        coach_id uuid NOT NULL REFERENCES accounts(id),
        client_id uuid NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        statement_enc text NOT NULL,
        created_at timestamptz NOT NULL,
        FOREIGN KEY (client_id, coach_id) REFERENCES clients (id, coach_id)
      )`);
    await queryRunner.query(`CREATE INDEX client_goals_by_client ON client_goals (client_id, seq)`);
    await protectCoachTable(queryRunner, 'client_goals');
    await queryRunner.query(`GRANT SELECT, INSERT ON client_goals TO haven_app`);

    await queryRunner.query(`
      CREATE TABLE client_supervision_entries (
        id uuid PRIMARY KEY,
        coach_id uuid NOT NULL REFERENCES accounts(id),
        client_id uuid NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        supervised_on_enc text NOT NULL,
        supervisor_enc text NOT NULL,
        notes_enc text NOT NULL,
        created_at timestamptz NOT NULL,
        FOREIGN KEY (client_id, coach_id) REFERENCES clients (id, coach_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX client_supervision_entries_by_client ON client_supervision_entries (client_id, seq)`,
    );
    await protectCoachTable(queryRunner, 'client_supervision_entries');
    await queryRunner.query(`GRANT SELECT, INSERT ON client_supervision_entries TO haven_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE client_supervision_entries`);
    await queryRunner.query(`DROP TABLE client_goals`);
    await queryRunner.query(`DROP TABLE clients`);
  }
}

// Kept in this file on purpose: a landed migration must not change when a shared helper does.
async function protectCoachTable(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(`
    CREATE POLICY ${table}_own_rows ON ${table}
      USING (coach_id::text = current_setting('app.current_coach', true))
      WITH CHECK (coach_id::text = current_setting('app.current_coach', true))`);
}
