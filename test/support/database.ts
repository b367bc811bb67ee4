import { withOwnerClient } from '#haven/testing';

/** The newest audit event `actorId` caused: what it did, to which subject, and how it ended. */
export async function lastAuditEventOf(actorId: string) {
  return withOwnerClient(async (db) => {
    const { rows } = await db.query(
      `SELECT action, subject_id, outcome FROM audit_events WHERE actor_id = $1 ORDER BY seq DESC LIMIT 1`,
      [actorId],
    );
    return rows[0];
  });
}

/**
 * Changes rows as the table owner with triggers off (the append-only guards included): what a bad
 * restore, disk damage or someone with database access leaves behind.
 */
export async function tamperAsOwner(sql: string, params: unknown[]): Promise<void> {
  await withOwnerClient(async (db) => {
    await db.query('BEGIN');
    await db.query(`SET LOCAL session_replication_role = replica`);
    await db.query(sql, params);
    await db.query('COMMIT');
  });
}
