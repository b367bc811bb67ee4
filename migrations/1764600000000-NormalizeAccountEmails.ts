import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emails are compared in Unicode NFC (issue 7): "zoë@" typed composed and decomposed signed up
 * twice. Stored addresses are brought to NFC, unless another account already holds the NFC form
 * (then both stay and a NOTICE names their ids: an operator decides which to keep). New and
 * updated rows must be NFC; the check is NOT VALID so such a pair does not block the migration. Skipped (with a NOTICE) on a database whose encoding is not UTF8,
 * where Postgres cannot normalise.
 */
export class NormalizeAccountEmails1764600000000 implements MigrationInterface {
  name = 'NormalizeAccountEmails1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      DECLARE
        clash record;
      BEGIN
        IF current_setting('server_encoding') <> 'UTF8' THEN
          RAISE NOTICE 'accounts.email not normalised: the database encoding is not UTF8';
          RETURN;
        END IF;
        FOR clash IN
          SELECT a.id AS id, b.id AS other_id FROM accounts a JOIN accounts b
            ON b.email = normalize(a.email, NFC) AND b.id <> a.id
          WHERE a.email IS NOT NFC NORMALIZED
        LOOP
          RAISE NOTICE 'account % has the same NFC email as account %: left as stored', clash.id, clash.other_id;
        END LOOP;
        UPDATE accounts a SET email = normalize(a.email, NFC)
          WHERE a.email IS NOT NFC NORMALIZED
            AND NOT EXISTS (SELECT 1 FROM accounts b WHERE b.email = normalize(a.email, NFC));
        ALTER TABLE accounts ADD CONSTRAINT accounts_email_nfc CHECK (email IS NFC NORMALIZED) NOT VALID;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_email_nfc`);
  }
}
