// Certification bench (issue 10): the renewal sweep at scale, on a throw-away Haven.
// 1. Decide: how long one sweep takes to find what is due (every batch of the reminder scan, as
//    the sweeper, under row-level security), with 10,000 and then 100,000 certifications whose
//    expiry dates are spread over two years, and the same 1,000 due in both; plus EXPLAIN of the
//    scan, which must use the partial index certification_cycles_sweep.
// 2. Outbox: 10,000 due reminders claimed and written to mail_outbox by the built worker, ten
//    sweeps of the same day at once (worker concurrency 10); each reminder must be there once.
//
//   npm run bench -- certification        (builds dist/ if needed)
//
// Knobs (environment): BENCH_DUE (1000), BENCH_OUTBOX_DUE (10000).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import pg from 'pg';
import {
  cleanupOnce,
  machine,
  root,
  say as sayAs,
  sayMachine,
  spawnNode,
  startHavenStack,
  stopChild,
  writeResults,
} from './lib/haven-stack.mjs';

const BENCH = 'certification';
const say = (line) => sayAs(BENCH, line);
const DUE = Number(process.env.BENCH_DUE ?? 1000);
const OUTBOX_DUE = Number(process.env.BENCH_OUTBOX_DUE ?? 10_000);
const AS_OF = '2030-01-01';
const OUTBOX_AS_OF = '2035-01-01';

const { SweepRepository } = await import(join(root, 'dist/libs/certification/src/sweep/sweep.repository.js'));
const { loadConfig } = await import(join(root, 'dist/libs/platform/src/index.js'));

function plusDays(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** `count` coaches certified by `bodyId`, expiry i-th = plusDays(from, spread(i)). */
async function seed(owner, bodyId, count, expiryOf) {
  const chunk = 10_000;
  for (let start = 0; start < count; start += chunk) {
    const size = Math.min(chunk, count - start);
    const ids = Array.from({ length: size }, () => randomUUID());
    const expiries = ids.map((_, index) => expiryOf(start + index));
    await owner.query(
      `INSERT INTO accounts (id, email, display_name, role, password_hash, pepper_version, vault_kdf,
                             vault_wrapped_by_password, vault_wrapped_by_recovery)
       SELECT id, 'bench-' || id || '@example.test', 'Bench Coach', 'coach', 'unused', 1, '{}', 'unused', 'unused'
         FROM unnest($1::uuid[]) id`,
      [ids],
    );
    await owner.query(
      `INSERT INTO certifications (coach_id, body_id, credential_number)
       SELECT id, $2, 'B-' || left(id::text, 8) FROM unnest($1::uuid[]) id`,
      [ids, bodyId],
    );
    await owner.query(
      `INSERT INTO certification_cycles (id, coach_id, body_id, seq, issued_on, expires_on)
       SELECT gen_random_uuid(), coach, $3, 1, (expiry - interval '24 months')::date, expiry
         FROM unnest($1::uuid[], $2::date[]) AS t(coach, expiry)`,
      [ids, expiries, bodyId],
    );
  }
  await owner.query('ANALYZE certifications; ANALYZE certification_cycles; ANALYZE renewal_reminders');
}

/** Every batch of the reminder scan as the sweep runs it (then rolled back): ms and rows found. */
async function decide(app, asOf) {
  const repository = new SweepRepository();
  const db = { query: async (sql, parameters) => (await app.query(sql, parameters)).rows };
  await app.query(`BEGIN; SELECT set_config('app.sweeper', 'renewals', true)`);
  try {
    const started = performance.now();
    let found = 0;
    let after = null;
    for (;;) {
      const batch = await repository.reminderCandidates(db, asOf, after, 200);
      if (batch.length === 0) break;
      found += batch.length;
      const last = batch.at(-1);
      after = { expiresOn: last.expiresOn, cycleId: last.cycleId };
    }
    const ms = performance.now() - started;
    let plan = '';
    const explaining = { query: async (sql, parameters) => (await app.query(`EXPLAIN ${sql}`, parameters)).rows };
    plan = (await repository.reminderCandidates(explaining, asOf, null, 200))
      .map((row) => row['QUERY PLAN'])
      .join('\n');
    return { ms, found, plan };
  } finally {
    await app.query('ROLLBACK');
  }
}

const stack = await startHavenStack({ bench: BENCH });
const config = loadConfig({ ...stack.env });
let worker = null;
const cleanup = cleanupOnce(BENCH, async () => {
  await stopChild(worker);
  return stack.stop();
});
const owner = new pg.Client({ connectionString: stack.env.DATABASE_URL });
const app = new pg.Client({ connectionString: config.database.appUrl });
try {
  sayMachine(BENCH, machine());
  await owner.connect();
  await app.connect();
  const bodyId = randomUUID();
  await owner.query(
    `INSERT INTO certification_bodies (id, name, renewal_period_months) VALUES ($1, 'Bench Board', 24)`,
    [bodyId],
  );

  // Phase 1: DUE expire within the 90 days after AS_OF; the rest 91 to 730 days after it.
  const spreadBeyond = (index) => plusDays(AS_OF, 91 + (index % 640));
  const dueWithin = (index) => plusDays(AS_OF, 1 + (index % 89));
  await seed(owner, bodyId, DUE, dueWithin);
  await seed(owner, bodyId, 10_000 - DUE, spreadBeyond);
  const small = await decide(app, AS_OF);
  say(`decide, 10,000 certifications, ${small.found} due: ${small.ms.toFixed(0)} ms`);
  await seed(owner, bodyId, 90_000, spreadBeyond);
  const large = await decide(app, AS_OF);
  say(`decide, 100,000 certifications, ${large.found} due: ${large.ms.toFixed(0)} ms`);
  say(`EXPLAIN of one batch of the scan (100,000 certifications):\n${large.plan}`);
  const usesIndex = /certification_cycles_sweep/.test(large.plan);
  say(`scan uses the partial index certification_cycles_sweep: ${usesIndex}`);

  // Phase 2: OUTBOX_DUE reminders due as of OUTBOX_AS_OF, written by the worker at concurrency 10.
  const outboxBody = randomUUID();
  await owner.query(
    `INSERT INTO certification_bodies (id, name, renewal_period_months) VALUES ($1, 'Bench Board 2', 24)`,
    [outboxBody],
  );
  // Phase 1's cycles lapse in this sweep too; lapse them first so the timing is the reminders'.
  await owner.query(`UPDATE certification_cycles SET lapsed_on = expires_on`);
  await seed(owner, outboxBody, OUTBOX_DUE, (index) => plusDays(OUTBOX_AS_OF, 1 + (index % 89)));
  // At info level: the worker says on stdout when it processes jobs.
  worker = spawnNode(
    join(root, 'dist/apps/worker/src/main.js'),
    [],
    { ...stack.env, LOG_LEVEL: 'info' },
    {
      name: 'worker',
      logTail: 200,
    },
  );
  await new Promise((resolve, reject) => {
    const onData = (chunk) => chunk.toString().includes('Haven worker is processing jobs') && resolve();
    worker.stdout.on('data', onData);
    worker.stderr.on('data', onData);
    worker.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${worker.outputLines.join('\n')}`)));
  });
  const prefix = `${stack.env.REDIS_PREFIX}:bull`;
  const queue = new Queue('certification', {
    connection: { url: stack.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    prefix,
  });
  const events = new QueueEvents('certification', {
    connection: { url: stack.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    prefix,
  });
  await events.waitUntilReady();
  const started = performance.now();
  const jobs = await Promise.all(
    Array.from({ length: 10 }, () =>
      queue.add(
        'renewal-sweep',
        { asOf: OUTBOX_AS_OF, requestedBy: 'cli' },
        { jobId: `renewal-sweep:${OUTBOX_AS_OF}:${randomUUID()}` },
      ),
    ),
  );
  const outcomes = await Promise.all(jobs.map((job) => job.waitUntilFinished(events, 30 * 60_000)));
  const outboxMs = performance.now() - started;
  await events.close();
  await queue.close();
  const [
    {
      rows: [claims],
    },
    {
      rows: [outbox],
    },
  ] = await Promise.all([
    owner.query(`SELECT count(*)::int AS n FROM renewal_reminders WHERE state = 'queued' AND body_id = $1`, [
      outboxBody,
    ]),
    owner.query(
      `SELECT count(*)::int AS n, count(DISTINCT message_key)::int AS keys FROM mail_outbox WHERE message_key LIKE 'renewal-reminder:%'`,
    ),
  ]);
  const reported = outcomes.reduce((sum, outcome) => sum + outcome.reminders, 0);
  const exactlyOnce =
    claims.n === OUTBOX_DUE && outbox.n === OUTBOX_DUE && outbox.keys === OUTBOX_DUE && reported === OUTBOX_DUE;
  say(
    `outbox: ${OUTBOX_DUE} due reminders, 10 sweeps at worker concurrency 10: ${(outboxMs / 1000).toFixed(1)} s; ` +
      `claims ${claims.n}, outbox rows ${outbox.n} (${outbox.keys} keys), sweeps reported ${reported}: exactly once ${exactlyOnce}`,
  );

  const results = {
    machine: machine(),
    decide: {
      due: DUE,
      total10k: { ms: small.ms, found: small.found },
      total100k: { ms: large.ms, found: large.found },
      usesIndex,
      plan: large.plan,
    },
    outbox: {
      due: OUTBOX_DUE,
      concurrency: 10,
      seconds: outboxMs / 1000,
      claims: claims.n,
      outboxRows: outbox.n,
      keys: outbox.keys,
      reported,
      exactlyOnce,
    },
  };
  say(`results in ${writeResults(BENCH, results)}`);
  const ok = usesIndex && large.ms < 5000 && small.found === DUE && large.found === DUE && exactlyOnce;
  say(ok ? 'PASS' : 'FAIL');
  process.exitCode = ok ? 0 : 1;
} finally {
  await owner.end().catch(() => {});
  await app.end().catch(() => {});
  await cleanup();
}
