import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Follow-ups a session opens on its client (SCOPE_INFLUENCE, PRACTICE_SAFE_CLOSE). They stay open
 * until the coach marks them addressed; only the addressing columns can change.
 */
export class CreateClientFollowUps1764200000200 implements MigrationInterface {
  name = 'CreateClientFollowUps1764200000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE client_follow_ups (
        id uuid PRIMARY KEY,
        coach_id uuid NOT NULL REFERENCES accounts(id),
        client_id uuid NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        opened_by_session_id uuid NOT NULL,
        kind_enc text NOT NULL,
        created_at timestamptz NOT NULL,
        addressed_at timestamptz,
        addressed_by_session_id uuid,
        addressed_note_enc text,
        FOREIGN KEY (client_id, coach_id) REFERENCES clients (id, coach_id),
        FOREIGN KEY (opened_by_session_id, coach_id) REFERENCES session_records (id, coach_id),
        FOREIGN KEY (addressed_by_session_id, coach_id) REFERENCES session_records (id, coach_id),
        CONSTRAINT client_follow_ups_addressed CHECK (
          addressed_at IS NOT NULL OR (addressed_by_session_id IS NULL AND addressed_note_enc IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX client_follow_ups_open ON client_follow_ups (client_id, seq) WHERE addressed_at IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE client_follow_ups ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE client_follow_ups FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`
      CREATE POLICY client_follow_ups_own_rows ON client_follow_ups
        USING (coach_id::text = current_setting('app.current_coach', true))
        WITH CHECK (coach_id::text = current_setting('app.current_coach', true))`);
    await queryRunner.query(`GRANT SELECT, INSERT ON client_follow_ups TO haven_app`);
    await queryRunner.query(
      `GRANT UPDATE (addressed_at, addressed_by_session_id, addressed_note_enc) ON client_follow_ups TO haven_app`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE client_follow_ups`);
  }
}
