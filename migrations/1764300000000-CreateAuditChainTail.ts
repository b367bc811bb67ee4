import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Takes the audit chain's lock and reads its tail in one round trip (every audited request appends).
 * It must be a VOLATILE function: each statement inside gets a fresh snapshot, so the tail read
 * after the lock sees the event the previous lock holder committed. A single plain SELECT would
 * read with a snapshot taken before the lock was granted, and fork the chain.
 */
export class CreateAuditChainTail1764300000000 implements MigrationInterface {
  name = 'CreateAuditChainTail1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_chain_lock_and_tail() RETURNS TABLE (seq bigint, entry_hash text)
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('haven-audit-chain'));
        RETURN QUERY SELECT e.seq, e.entry_hash FROM audit_events e ORDER BY e.seq DESC LIMIT 1;
      END $$`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION audit_chain_lock_and_tail() TO haven_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION audit_chain_lock_and_tail()`);
  }
}
