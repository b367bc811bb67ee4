// The floor: the least any server can do and still keep Haven's duties on a session write and read,
// hand-written on Fastify, pg and ioredis with nothing else. It answers "how close to the bare
// baseline can the target get at all", so that Haven's ratio can be read against both.
//
// Per request, as Haven does: verify an HS256 bearer token, check and extend the login session in
// Redis (GETEX: logout must take effect at once), run one transaction as the coach's database role
// with the row-level-security identity set, check the client is live, write the session row and
// its version 1 (or read the latest version), and append the audit event to the hash chain
// (audit_pending, linked at COMMIT as in Haven). XChaCha20-Poly1305 encryption is
// left out (measured at under 10 µs per field); so are NestJS, TypeORM, validation and helmet.
// Round trips: Redis 1, Postgres 4 (BEGIN with the identity, client check, session + version +
// audit event in one statement, COMMIT) for a write; 3 for a read (BEGIN with the identity,
// select, audit event with COMMIT).
//
// Environment: DATABASE_APP_URL (the haven_app role), REDIS_URL, COACH_ID, CLIENT_IDS (comma-
// separated), ROW_BYTES. Prints "listening <port>" and "token <jwt>".
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const POOL_SIZE = 20;
const SESSION_IDLE_SECONDS = 30 * 60;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const coachId = process.env.COACH_ID;
const clientIds = process.env.CLIENT_IDS.split(',');
const rowBytes = Number(process.env.ROW_BYTES);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_APP_URL, max: POOL_SIZE });
const redis = new Redis(process.env.REDIS_URL, { keyPrefix: `bench-floor-${randomUUID()}:` });
const secret = createSecretKey(randomBytes(32));

const sessionId = randomUUID();
await redis.set(`session:${sessionId}`, JSON.stringify({ accountId: coachId }), 'EX', SESSION_IDLE_SECONDS);
const token = jwt.sign({ sub: coachId, sid: sessionId, role: 'coach' }, secret, { algorithm: 'HS256', expiresIn: 900 });

/** 401 unless the bearer token verifies and its session is live (extended by the same command). */
async function authenticate(request, reply) {
  const header = request.headers.authorization ?? '';
  let claims;
  try {
    claims = jwt.verify(header.slice('Bearer '.length), secret, { algorithms: ['HS256'] });
  } catch {
    return reply.code(401).send({ error: 'UNAUTHENTICATED' });
  }
  const session = await redis.getex(`session:${claims.sid}`, 'EX', SESSION_IDLE_SECONDS);
  if (!session) return reply.code(401).send({ error: 'UNAUTHENTICATED' });
  request.coachId = claims.sub;
}

/**
 * One transaction as the coach; the identity is a checked UUID, so BEGIN and it share a message.
 * `beforeCommit` (SQL text, values quoted) travels with COMMIT, as Haven's audit event does.
 */
async function asCoach(coach, work, beforeCommit) {
  if (!UUID.test(coach)) throw new Error('coach id must be a UUID');
  const client = await pool.connect();
  try {
    await client.query(`BEGIN; SELECT set_config('app.current_coach', '${coach}', true)`);
    const result = await work(client);
    await client.query(beforeCommit && result ? `${beforeCommit()}; COMMIT` : 'COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

// Haven's own mechanism: linked into the hash chain by a trigger at COMMIT (migration 1764400000000).
const APPEND_AUDIT_EVENT = `INSERT INTO audit_pending (id, occurred_at, actor_id, actor_role, action, subject_id, outcome)
  VALUES ($1, $2, $3, $4, $5, $6, $7)`;
const auditStatement = (coach, action, subjectId) =>
  `INSERT INTO audit_pending (id, occurred_at, actor_id, actor_role, action, subject_id, outcome) VALUES (${auditArgs(
    coach,
    action,
    subjectId,
  )
    .map((value) => pg.escapeLiteral(value instanceof Date ? value.toISOString() : value))
    .join(', ')})`;
const auditArgs = (coach, action, subjectId) => [
  randomUUID(),
  new Date(),
  coach,
  'coach',
  action,
  subjectId,
  'success',
];

const app = Fastify({ logger: false });
app.addHook('preHandler', authenticate);

let next = 0;
app.post('/sessions', async (request, reply) => {
  const { notes, occurredAt, durationMinutes } = request.body ?? {};
  if (typeof notes !== 'string' || typeof occurredAt !== 'string' || typeof durationMinutes !== 'number') {
    return reply.code(400).send({ error: 'VALIDATION_FAILED' });
  }
  const clientId = clientIds[next++ % clientIds.length];
  const id = randomUUID();
  // Stand-ins of the stored size for the two ciphertexts (facts and notes).
  const facts = JSON.stringify({ occurredAt, durationMinutes }).padEnd(120, ' ');
  const notesStored = notes.padEnd(rowBytes - 120, ' ');
  const created = await asCoach(request.coachId, async (db) => {
    const found = await db.query(
      `SELECT status FROM clients WHERE id = $1 AND coach_id = $2 AND deleted_at IS NULL AND wrapped_key IS NOT NULL`,
      [clientId, request.coachId],
    );
    if (found.rows.length === 0) return false;
    await db.query(
      `WITH session AS (
         INSERT INTO session_records (id, coach_id, client_id, facts_enc, created_at) VALUES ($1, $2, $3, $4, now())
       ), version AS (
         INSERT INTO session_record_versions (session_id, version, coach_id, notes_enc, reason_enc, created_at)
         VALUES ($1, 1, $2, $5, NULL, now())
       )
       ${APPEND_AUDIT_EVENT.replace(/\$(\d)/g, (_, n) => `$${Number(n) + 5}`)}`,
      [id, request.coachId, clientId, facts, notesStored, ...auditArgs(request.coachId, 'session.create', id)],
    );
    return true;
  });
  if (!created) return reply.code(404).send({ error: 'NOT_FOUND' });
  return reply.code(201).send({ id, status: 'held', version: 1, openFollowUps: [] });
});

app.get('/sessions/:id', async (request, reply) => {
  const { id } = request.params;
  if (!UUID.test(id)) return reply.code(404).send({ error: 'NOT_FOUND' });
  const row = await asCoach(
    request.coachId,
    async (db) => {
      const { rows } = await db.query(
        `SELECT s.id, s.client_id, s.facts_enc, s.created_at, v.version, v.notes_enc
         FROM session_records s
         JOIN LATERAL (SELECT version, notes_enc FROM session_record_versions
                        WHERE session_id = s.id ORDER BY version DESC LIMIT 1) v ON true
         JOIN clients c ON c.id = s.client_id AND c.deleted_at IS NULL
        WHERE s.id = $1 AND s.coach_id = $2`,
        [id, request.coachId],
      );
      return rows[0] ?? null;
    },
    () => auditStatement(request.coachId, 'session.read', id),
  );
  if (!row) return reply.code(404).send({ error: 'NOT_FOUND' });
  return {
    id: row.id,
    clientId: row.client_id,
    facts: row.facts_enc,
    notes: row.notes_enc,
    version: row.version,
    recordedAt: row.created_at,
  };
});

await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`token ${token}`);
console.log(`listening ${app.server.address().port}`);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await app.close();
    await redis.del(`session:${sessionId}`);
    await Promise.all([pool.end(), redis.quit()]);
    process.exit(0);
  });
}
