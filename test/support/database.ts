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
