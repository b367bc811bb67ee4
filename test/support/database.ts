import pg from 'pg';
import { testConfig, withOwnerClient } from '#haven/testing';

/** A connection as the API's own role (haven_app), outside the API. */
export async function withAppRole<T>(work: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: testConfig().database.appUrl });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

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
