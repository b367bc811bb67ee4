import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail waiting to be sent (libs/mail). Address and content are encrypted under the server outbox
 * key and set to NULL once the message is sent or given up; the row itself stays, so a message key
 * can never send twice. No coach_id and no row-level security: see docs/decisions.md, "The mail
 * outbox sits outside row-level security".
 */
export class CreateMailOutbox1764700000000 implements MigrationInterface {
  name = 'CreateMailOutbox1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY,
        message_key text NOT NULL UNIQUE CHECK (message_key ~ '^[A-Za-z0-9:._-]{1,200}$'),
        to_enc text,
        body_enc text,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        failed_at timestamptz,
        CONSTRAINT mail_outbox_settled CHECK (sent_at IS NULL OR failed_at IS NULL),
        CONSTRAINT mail_outbox_content CHECK (
          CASE WHEN sent_at IS NULL AND failed_at IS NULL
               THEN to_enc IS NOT NULL AND body_enc IS NOT NULL
               ELSE to_enc IS NULL AND body_enc IS NULL END)
      )`);
    await queryRunner.query(
      `CREATE INDEX mail_outbox_unsettled ON mail_outbox (created_at) WHERE sent_at IS NULL AND failed_at IS NULL`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT ON mail_outbox TO haven_app`);
    await queryRunner.query(
      `GRANT UPDATE (to_enc, body_enc, attempts, last_error, sent_at, failed_at) ON mail_outbox TO haven_app`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE mail_outbox`);
  }
}
