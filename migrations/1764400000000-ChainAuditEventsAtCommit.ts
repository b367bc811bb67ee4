import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit events are linked into the hash chain at COMMIT, not when the request appends them.
 *
 * Before: the request took the chain's advisory lock, read the tail and inserted, then went back
 * to Node and sent COMMIT; the lock was held across that round trip and the event loop's queue.
 * Every audited request in the installation was serialised behind it: 550 requests/s at most on
 * the bench machine, whatever the server did otherwise (bench/lib/floor-server.mjs measured it).
 *
 * Now the request inserts the event into `audit_pending` (no lock). A deferred constraint trigger
 * fires inside COMMIT: it takes the lock, reads the tail, computes the link, inserts into
 * audit_events and deletes the pending row. The lock is held for the trigger and the commit's WAL
 * flush only (≈ 0.2 ms here), never for a round trip. An event still exists exactly when its
 * action committed, and `audit_pending` is empty outside open transactions.
 *
 * The hash is the one libs/audit/src/audit-chain.ts defines and `audit:verify` recomputes:
 * SHA-256 of prev_hash followed by the RFC 8785 canonical JSON of the entry. For this entry (eight
 * keys, all values strings or null) RFC 8785 is: keys in code-unit order, no whitespace, strings as
 * JSON.stringify writes them, which is what to_json(text) writes too (audit.service.int-spec.ts
 * checks the two agree on quotes, backslashes, control characters and non-ASCII text).
 *
 * The trigger function is SECURITY DEFINER (the owner), so the app role needs only INSERT on
 * audit_pending; each statement inside takes a fresh snapshot, so the tail read after the lock sees
 * what the previous holder committed (advisory locks are released after the commit is visible).
 */
export class ChainAuditEventsAtCommit1764400000000 implements MigrationInterface {
  name = 'ChainAuditEventsAtCommit1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_pending (
        id uuid PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_id uuid,
        actor_role text,
        action text NOT NULL,
        subject_id text,
        outcome text NOT NULL
      )`);
    await queryRunner.query(`GRANT INSERT ON audit_pending TO haven_app`);
    await queryRunner.query(`
      CREATE FUNCTION audit_chain_pending_event() RETURNS trigger
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      DECLARE
        tail_seq bigint;
        tail_hash text;
        next_seq bigint;
        prev_hash text;
        occurred_at timestamptz := date_trunc('milliseconds', NEW.occurred_at);
        canonical text;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('haven-audit-chain'));
        SELECT e.seq, e.entry_hash INTO tail_seq, tail_hash FROM audit_events e ORDER BY e.seq DESC LIMIT 1;
        next_seq := coalesce(tail_seq, 0) + 1;
        prev_hash := coalesce(tail_hash, repeat('0', 64));
        canonical := '{"action":' || to_json(NEW.action)::text
          || ',"actorId":' || coalesce(to_json(NEW.actor_id::text)::text, 'null')
          || ',"actorRole":' || coalesce(to_json(NEW.actor_role)::text, 'null')
          || ',"id":' || to_json(NEW.id::text)::text
          || ',"occurredAt":'
          || to_json(to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
          || ',"outcome":' || to_json(NEW.outcome)::text
          || ',"seq":' || to_json(next_seq::text)::text
          || ',"subjectId":' || coalesce(to_json(NEW.subject_id)::text, 'null')
          || '}';
        INSERT INTO audit_events
          (seq, id, occurred_at, actor_id, actor_role, action, subject_id, outcome, prev_hash, entry_hash)
        VALUES
          (next_seq, NEW.id, occurred_at, NEW.actor_id, NEW.actor_role, NEW.action, NEW.subject_id, NEW.outcome,
           prev_hash, encode(sha256(convert_to(prev_hash || canonical, 'UTF8')), 'hex'));
        DELETE FROM audit_pending WHERE id = NEW.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER audit_pending_chain_at_commit AFTER INSERT ON audit_pending
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_chain_pending_event()`);
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
    await queryRunner.query(`DROP TABLE audit_pending`);
    await queryRunner.query(`DROP FUNCTION audit_chain_pending_event()`);
  }
}
