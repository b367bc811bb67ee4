import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_append(...)` takes the chain's lock, reads the tail, computes the link and inserts the
 * event, all in one statement: one round trip per audited request instead of two, and the lock is
 * held from this statement to COMMIT only.
 *
 * The hash is the one libs/audit/src/audit-chain.ts defines and `audit:verify` recomputes:
 * SHA-256 of prev_hash followed by the RFC 8785 canonical JSON of the entry. For this entry (eight
 * keys, all values strings or null) RFC 8785 is: keys in code-unit order, no whitespace, strings as
 * JSON.stringify writes them, which is what to_json(text) writes too (audit.service.int-spec.ts
 * checks the two agree on quotes, backslashes, control characters and non-ASCII text).
 *
 * VOLATILE matters as it did for audit_chain_lock_and_tail: each statement inside takes a fresh
 * snapshot, so the tail read after the lock sees what the previous holder committed.
 */
export class AppendAuditEventInOneStatement1764400000000 implements MigrationInterface {
  name = 'AppendAuditEventInOneStatement1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_append(
        p_id uuid, p_occurred_at text, p_actor_id uuid, p_actor_role text,
        p_action text, p_subject_id text, p_outcome text
      ) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        tail_seq bigint;
        tail_hash text;
        next_seq bigint;
        prev_hash text;
        canonical text;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('haven-audit-chain'));
        SELECT e.seq, e.entry_hash INTO tail_seq, tail_hash FROM audit_events e ORDER BY e.seq DESC LIMIT 1;
        next_seq := coalesce(tail_seq, 0) + 1;
        prev_hash := coalesce(tail_hash, repeat('0', 64));
        canonical := '{"action":' || to_json(p_action)::text
          || ',"actorId":' || coalesce(to_json(p_actor_id::text)::text, 'null')
          || ',"actorRole":' || coalesce(to_json(p_actor_role)::text, 'null')
          || ',"id":' || to_json(p_id::text)::text
          || ',"occurredAt":' || to_json(p_occurred_at)::text
          || ',"outcome":' || to_json(p_outcome)::text
          || ',"seq":' || to_json(next_seq::text)::text
          || ',"subjectId":' || coalesce(to_json(p_subject_id)::text, 'null')
          || '}';
        INSERT INTO audit_events
          (seq, id, occurred_at, actor_id, actor_role, action, subject_id, outcome, prev_hash, entry_hash)
        VALUES
          (next_seq, p_id, p_occurred_at::timestamptz, p_actor_id, p_actor_role, p_action, p_subject_id, p_outcome,
           prev_hash, encode(sha256(convert_to(prev_hash || canonical, 'UTF8')), 'hex'));
      END $$`);
    await queryRunner.query(
      `GRANT EXECUTE ON FUNCTION audit_append(uuid, text, uuid, text, text, text, text) TO haven_app`,
    );
    await queryRunner.query(`DROP FUNCTION audit_chain_lock_and_tail()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_chain_lock_and_tail() RETURNS TABLE (seq bigint, entry_hash text)
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('haven-audit-chain'));
        RETURN QUERY SELECT e.seq, e.entry_hash FROM audit_events e ORDER BY e.seq DESC LIMIT 1;
      END $$`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION audit_chain_lock_and_tail() TO haven_app`);
    await queryRunner.query(`DROP FUNCTION audit_append(uuid, text, uuid, text, text, text, text)`);
  }
}
