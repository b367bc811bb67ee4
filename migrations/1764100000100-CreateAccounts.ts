import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts of coaches, certifiers and the admin. Not coach-owned data, so not behind RLS: login
 * must find an account by email before anyone is known. The vault key is stored only wrapped.
 */
export class CreateAccounts1764100000100 implements MigrationInterface {
  name = 'CreateAccounts1764100000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('coach', 'certifier', 'admin')),
        password_hash text NOT NULL,
        pepper_version integer NOT NULL,
        vault_kdf jsonb,
        vault_wrapped_by_password text,
        vault_wrapped_by_recovery text,
        created_at timestamptz NOT NULL DEFAULT now(),
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT accounts_email_lowercase CHECK (email = lower(email)),
        CONSTRAINT coach_has_vault CHECK (
          role <> 'coach' OR (vault_kdf IS NOT NULL AND vault_wrapped_by_password IS NOT NULL
                              AND vault_wrapped_by_recovery IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX accounts_email_key ON accounts (email)`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON accounts TO haven_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE accounts`);
  }
}
