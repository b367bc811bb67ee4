import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written releases the client signs through a one-time link, and the disclosures logged against
 * them (CONF_RELEASE, CONF_DISCLOSURE, CONF_MANDATORY_REPORT).
 *
 * `releases` is read by three identities, each through its own policy:
 * - the coach (`app.current_coach`), for their own rows;
 * - the holder of a signing link (`app.signing_token_hash`, the SHA-256 of the token), for the one
 *   row whose link it is, while the link lives: unsigned links die at `link_expires_at` (7 days),
 *   a signed release's link stays (to download the copy and to revoke);
 * - the hourly expiry sweep (`app.release_sweep` = 'expire'), for rows past `expires_on` only, and
 *   it may only turn them `expired` (its USING has no status condition: an UPDATE whose WHERE reads
 *   the row must leave a row the same policy still shows).
 * Plaintext: ids, status, dates, template and consent versions, the token's hash and the public half
 * of the release's evidence key. `*_enc` columns are EncStrings under the client key, except
 * `signer_copy_enc` (under a key derived from the token) and `step_log` / `evidence_enc` (sealed
 * boxes to `evidence_public_key`, whose secret half is `evidence_secret_key_enc`, under the client key).
 *
 * Deleting a client (its key forgotten) also forgets the signing link and the signer's copy, so a
 * crypto-shredded client's release cannot be read through an old email either.
 */
export class CreateReleases1764800000000 implements MigrationInterface {
  name = 'CreateReleases1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE releases (
        id uuid PRIMARY KEY,
        coach_id uuid NOT NULL REFERENCES accounts(id),
        client_id uuid NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        status text NOT NULL CHECK (status IN ('pending_signature', 'signed', 'revoked', 'expired')),
        expires_on date NOT NULL,
        template_version text NOT NULL,
        consent_version text NOT NULL,
        document_enc text NOT NULL,
        evidence_public_key text NOT NULL,
        evidence_secret_key_enc text NOT NULL,
        link_id uuid,
        token_hash text UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        link_expires_at timestamptz,
        signer_copy_enc text,
        step_log text[] NOT NULL DEFAULT '{}',
        evidence_enc text,
        created_at timestamptz NOT NULL,
        signed_at timestamptz,
        revoked_at timestamptz,
        expired_at timestamptz,
        CONSTRAINT releases_id_coach_key UNIQUE (id, coach_id),
        CONSTRAINT releases_id_client_key UNIQUE (id, client_id),
        FOREIGN KEY (client_id, coach_id) REFERENCES clients (id, coach_id)
      )`);
    await queryRunner.query(`CREATE INDEX releases_by_client ON releases (client_id, seq)`);
    await queryRunner.query(`CREATE INDEX releases_by_coach ON releases (coach_id)`);
    await queryRunner.query(
      `CREATE INDEX releases_due_to_expire ON releases (expires_on) WHERE status IN ('pending_signature', 'signed')`,
    );
    await protectCoachTable(queryRunner, 'releases');
    await queryRunner.query(`
      CREATE POLICY releases_signing_link ON releases
        USING (token_hash = current_setting('app.signing_token_hash', true)
               AND (signed_at IS NOT NULL OR link_expires_at > now()))
        WITH CHECK (token_hash = current_setting('app.signing_token_hash', true))`);
    await queryRunner.query(`
      CREATE POLICY releases_expiry_sweep ON releases
        USING (current_setting('app.release_sweep', true) = 'expire'
               AND expires_on <= (now() AT TIME ZONE 'UTC')::date)
        WITH CHECK (current_setting('app.release_sweep', true) = 'expire' AND status = 'expired')`);
    await queryRunner.query(`GRANT SELECT, INSERT ON releases TO haven_app`);
    await queryRunner.query(`
      GRANT UPDATE (status, link_id, token_hash, link_expires_at, signer_copy_enc, step_log, evidence_enc,
                    signed_at, revoked_at, expired_at)
        ON releases TO haven_app`);

    await queryRunner.query(`
      CREATE TABLE disclosures (
        id uuid PRIMARY KEY,
        coach_id uuid NOT NULL REFERENCES accounts(id),
        client_id uuid NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        release_id uuid,
        details_enc text NOT NULL,
        created_at timestamptz NOT NULL,
        FOREIGN KEY (client_id, coach_id) REFERENCES clients (id, coach_id),
        FOREIGN KEY (release_id, client_id) REFERENCES releases (id, client_id)
      )`);
    await queryRunner.query(`CREATE INDEX disclosures_by_client ON disclosures (client_id, seq)`);
    await queryRunner.query(`CREATE INDEX disclosures_by_coach ON disclosures (coach_id)`);
    await protectCoachTable(queryRunner, 'disclosures');
    // Append-only: a disclosure that happened cannot be taken back.
    await queryRunner.query(`GRANT SELECT, INSERT ON disclosures TO haven_app`);

    // Runs as the deleting coach, under their policy.
    await queryRunner.query(`
      CREATE FUNCTION releases_forget_links_of_shredded_client() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE releases SET token_hash = NULL, link_id = NULL, link_expires_at = NULL, signer_copy_enc = NULL
         WHERE client_id = NEW.id;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER clients_shred_release_links AFTER UPDATE OF wrapped_key ON clients
        FOR EACH ROW WHEN (OLD.wrapped_key IS NOT NULL AND NEW.wrapped_key IS NULL)
        EXECUTE FUNCTION releases_forget_links_of_shredded_client()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER clients_shred_release_links ON clients`);
    await queryRunner.query(`DROP FUNCTION releases_forget_links_of_shredded_client()`);
    await queryRunner.query(`DROP TABLE disclosures`);
    await queryRunner.query(`DROP TABLE releases`);
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
