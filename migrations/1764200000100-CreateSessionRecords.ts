import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session records, append-only (CONF_RECORDS): a record and its versions are only ever inserted.
 * The app role has no UPDATE or DELETE grant on them, and a trigger refuses both (and TRUNCATE)
 * for every role, the owner included. Every `*_enc` column is an EncString under the client key.
 */
export class CreateSessionRecords1764200000100 implements MigrationInterface {
  name = 'CreateSessionRecords1764200000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE session_records (
        id uuid PRIMARY KEY,
        coach_id uuid NOT NULL REFERENCES accounts(id),
        client_id uuid NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        facts_enc text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT session_records_id_coach_key UNIQUE (id, coach_id),
        FOREIGN KEY (client_id, coach_id) REFERENCES clients (id, coach_id)
      )`);
    await queryRunner.query(`CREATE INDEX session_records_by_client ON session_records (client_id, seq)`);
    await queryRunner.query(`CREATE INDEX session_records_by_coach ON session_records (coach_id)`);

    await queryRunner.query(`
      CREATE TABLE session_record_versions (
        session_id uuid NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        coach_id uuid NOT NULL REFERENCES accounts(id),
        notes_enc text NOT NULL,
        reason_enc text,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (session_id, version),
        FOREIGN KEY (session_id, coach_id) REFERENCES session_records (id, coach_id),
        -- The first version is the record as written; every later one is an amendment with a reason.
        CONSTRAINT session_record_versions_reason CHECK ((version = 1) = (reason_enc IS NULL))
      )`);

    await queryRunner.query(`
      CREATE FUNCTION session_records_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'session records are append-only (% refused): add an amendment instead', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['session_records', 'session_record_versions']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION session_records_refuse_change()`);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION session_records_refuse_change()`);
      await protectCoachTable(queryRunner, table);
      await queryRunner.query(`GRANT SELECT, INSERT ON ${table} TO haven_app`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE session_record_versions`);
    await queryRunner.query(`DROP TABLE session_records`);
    await queryRunner.query(`DROP FUNCTION session_records_refuse_change()`);
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
