import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createIsolatedDatabase, type IsolatedDatabase } from '#haven/testing';
import { type AuditEntry, GENESIS_HASH } from './audit-chain.js';

type KnownAnswer = { name: string; prevHash: string; entry: AuditEntry; canonical: string; entryHash: string };
const knownAnswers: KnownAnswer[] = JSON.parse(
  readFileSync(new URL('./audit-chain.known-answer.json', import.meta.url), 'utf8'),
).vectors;

/**
 * What the database links an event to, given a chain whose tail has `prevHash`: the event is
 * appended the way the app appends (audit_pending), the deferred trigger runs (SET CONSTRAINTS
 * ... IMMEDIATE fires it now instead of at COMMIT), and everything is rolled back, so each vector
 * starts from the same empty chain.
 */
async function linkedBySql(owner: pg.Client, vector: KnownAnswer): Promise<{ prev_hash: string; entry_hash: string }> {
  const { entry } = vector;
  await owner.query('BEGIN');
  try {
    if (!(vector.prevHash === GENESIS_HASH && entry.seq === '1')) {
      // A tail for the event to link to: the event before it, with the vector's previous hash.
      await owner.query(
        `INSERT INTO audit_events (seq, id, occurred_at, action, outcome, prev_hash, entry_hash)
         VALUES ($1::bigint - 1, $2, now(), 'test.tail', 'success', $3, $4)`,
        [entry.seq, randomUUID(), GENESIS_HASH, vector.prevHash],
      );
    }
    await owner.query(
      `INSERT INTO audit_pending (id, occurred_at, actor_id, actor_role, action, subject_id, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [entry.id, entry.occurredAt, entry.actorId, entry.actorRole, entry.action, entry.subjectId, entry.outcome],
    );
    await owner.query('SET CONSTRAINTS ALL IMMEDIATE');
    const { rows } = await owner.query(`SELECT seq::text, prev_hash, entry_hash FROM audit_events WHERE id = $1`, [
      entry.id,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].seq).toBe(entry.seq);
    return rows[0];
  } finally {
    await owner.query('ROLLBACK');
  }
}

// The TypeScript copy is held to the same vectors in audit-chain.known-answer.spec.ts.
describe('the SQL chain hash (audit_pending trigger) against known answers', () => {
  let database: IsolatedDatabase;
  let owner: pg.Client;

  beforeAll(async () => {
    database = await createIsolatedDatabase('audit_kat');
    owner = new pg.Client({ connectionString: database.config.database.ownerUrl });
    await owner.connect();
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM audit_events`);
    expect(rows[0].n).toBe(0);
  });

  afterAll(async () => {
    await owner?.end();
    await database?.drop();
  });

  it.each(knownAnswers.map((vector) => [vector.name, vector] as const))('%s', async (_name, vector) => {
    expect(await linkedBySql(owner, vector)).toMatchObject({
      prev_hash: vector.prevHash,
      entry_hash: vector.entryHash,
    });
  });

  it('links to its previous hash: the same entry after another previous hash hashes differently', async () => {
    const [first] = knownAnswers;
    const prevHashes = [first!.prevHash, 'f'.repeat(64), 'e'.repeat(64)];
    const hashes = new Set<string>();
    for (const prevHash of prevHashes) hashes.add((await linkedBySql(owner, { ...first!, prevHash })).entry_hash);
    expect(hashes.size).toBe(prevHashes.length);
  });
});
