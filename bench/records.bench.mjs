// Session-records bench (issues 3 and 7): write (POST /clients/:id/sessions) and read
// (GET /sessions/:id) throughput and latency at 50 connections, against two servers in the same
// run and the same Postgres:
// - the floor (bench/lib/floor-server.mjs) does only what Haven must do per request (token, Redis
//   session, RLS transaction, audit chain) with no framework. Haven / floor is the measure
//   (targets: write >= 0.7, read >= 0.8): what Haven's own code costs on top of its duties;
// - the bare server (Fastify + pg, one INSERT or SELECT) is kept for context: floor / bare is what
//   the duties cost on this machine.
// The phases are interleaved: ROUNDS rounds of bare, floor, Haven (write then read each), the
// order rotating every round; each ratio is taken within a round and the median over the rounds
// is reported, so drift of a shared machine does not decide the result. Each phase also records
// the server's CPU time per request (from /proc), which other load on the machine hardly moves.
// The built API runs as a child process against a throw-away database, Redis prefix and data dir,
// all removed at the end.
//
//   npm run bench -- records            (builds dist/ if needed; or: node bench/records.bench.mjs)
//
// Knobs (environment): BENCH_ROUNDS (5), BENCH_DURATION (4 s per phase), BENCH_WARMUP (1 s per
// phase), BENCH_CONNECTIONS (50), BENCH_NOTES_BYTES (1000), BENCH_CLIENTS (10),
// BENCH_PG_ADMIN_URL, BENCH_REDIS_URL, BENCH_API_NODE_ARGS (node flags for the API process only,
// e.g. `--cpu-prof --cpu-prof-dir=/tmp/haven-prof` to profile it: Node refuses --cpu-prof in
// NODE_OPTIONS), BENCH_FLOOR_NODE_ARGS (the same for the floor server).
//
// `node bench/records.bench.mjs --bare-server` runs only the bare baseline server (used by the
// bench itself as a child process; DATABASE_URL and ROW_BYTES come from the environment).
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  cleanupOnce,
  machine,
  say as sayAs,
  sayMachine,
  spawnNode,
  startHavenStack,
  stopChild,
  waitForListening,
  warningLines,
  writeResults,
} from './lib/haven-stack.mjs';
import { CONNECTIONS, cannon, postJson, signUpBenchCoach } from './lib/http-load.mjs';

const NOTES_BYTES = Number(process.env.BENCH_NOTES_BYTES ?? 1000);
// Short phases, repeated: a drift of the shared machine then moves every server's numbers of one
// round alike, and the median of the per-round ratios ignores one disturbed round.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PHASE_DURATION = Number(process.env.BENCH_DURATION ?? 4);
const PHASE_WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
// Haven against the floor (issue 7): the least any implementation of Haven's duties costs here.
const TARGETS = { write: 0.7, read: 0.8 };
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10);
// The API's default pool (DATABASE_POOL_SIZE): the bare server gets the same.
const POOL_SIZE = 20;

/**
 * The baseline: Fastify and pg with nothing else. POST /rows stores the request's fields as one
 * text column padded to ROW_BYTES (the stored size of one Haven session); GET /rows/:id reads it.
 * A per-statement INSERT or SELECT, autocommit, no auth, no crypto, no audit.
 */
async function runBareServer() {
  const { default: Fastify } = await import('fastify');
  const rowBytes = Number(process.env.ROW_BYTES);
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: POOL_SIZE });
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_bare_rows (
    id uuid PRIMARY KEY, owner_id uuid NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL)`);
  const owner = randomUUID();
  const app = Fastify({ logger: false });
  app.post('/rows', async (request, reply) => {
    const id = randomUUID();
    const body = JSON.stringify(request.body).padEnd(rowBytes, ' ');
    await pool.query(`INSERT INTO bench_bare_rows (id, owner_id, body, created_at) VALUES ($1, $2, $3, now())`, [
      id,
      owner,
      body,
    ]);
    return reply.code(201).send({ id });
  });
  app.get('/rows/:id', async (request, reply) => {
    const { rows } = await pool.query(`SELECT id, body, created_at FROM bench_bare_rows WHERE id = $1`, [
      request.params.id,
    ]);
    if (rows.length === 0) return reply.code(404).send({ statusCode: 404 });
    const row = rows[0];
    return { id: row.id, notes: row.body, createdAt: row.created_at };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(`listening ${app.server.address().port}`);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      app
        .close()
        .then(() => pool.end())
        .then(() => process.exit(0));
    });
  }
}

/** Node flags for one child process, from an environment variable (space-separated). */
function nodeArgsFrom(name) {
  return (process.env[name] ?? '').split(/\s+/).filter(Boolean);
}

/** The claims of a JWT, unverified (the bench reads its own coach's id). */
function claimsOf(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

function say(line) {
  sayAs('records', line);
}

function sessionBody() {
  return {
    occurredAt: '2026-01-15T10:00:00Z',
    durationMinutes: 50,
    // Printable, incompressible notes of the configured size.
    notes: randomBytes(NOTES_BYTES).toString('base64url').slice(0, NOTES_BYTES),
    clientUnderInfluence: false,
    clientRegulatedAtClose: true,
    feeType: 'sliding_scale',
  };
}

/** A write request that keeps the id of each created row for the read phase. */
function writes(path, body, headers, ids) {
  return {
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        onResponse: (status, responseBody) => {
          if (status === 201) ids.push(JSON.parse(responseBody).id);
        },
      },
    ],
  };
}

/** Reads of random ids out of `ids`. */
function reads(pathOf, headers, ids) {
  return {
    requests: [
      {
        method: 'GET',
        headers,
        setupRequest: (req) => ({ ...req, path: pathOf(ids[Math.floor(Math.random() * ids.length)]) }),
      },
    ],
  };
}

/** The middle value (the mean of the two middle ones for an even count). */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round3 = (value) => Math.round(value * 1000) / 1000;
const failures = (row) => row.non2xx + row.errors + row.timeouts;

/** One line per server and operation: medians over the rounds, the worst p99, every failure. */
function table(summaries) {
  const lines = [
    '| Measure | req/s (median) | req/s per round | p50 ms | p99 ms (median / worst) | server CPU (cores) | server CPU ms / request | failed |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of summaries) {
    lines.push(
      `| ${s.label} | ${Math.round(s.requestsPerSecond)} | ${s.perRound.map(Math.round).join(' / ')} | ${s.p50} | ${s.p99} / ${s.p99Worst} | ${s.serverCpuCores} | ${s.serverCpuMsPerRequest} | ${s.failed} |`,
    );
  }
  return lines.join('\n');
}

/** The rounds of one server and operation, folded into medians. */
function summarise(label, rows) {
  const medianOf = (pick) => {
    const values = rows.map(pick).filter((value) => value !== null && value !== undefined);
    return values.length === 0 ? null : Math.round(median(values) * 100) / 100;
  };
  return {
    label,
    requestsPerSecond: medianOf((row) => row.requestsPerSecond),
    perRound: rows.map((row) => row.requestsPerSecond),
    p50: medianOf((row) => row.latencyMs.p50),
    p99: medianOf((row) => row.latencyMs.p99),
    p99Worst: Math.max(...rows.map((row) => row.latencyMs.p99)),
    serverCpuCores: medianOf((row) => row.serverCpuCores),
    serverCpuMsPerRequest: medianOf((row) => row.serverCpuMsPerRequest),
    failed: rows.reduce((sum, row) => sum + failures(row), 0),
  };
}

async function main() {
  const startedAt = new Date();
  const host = machine();
  sayMachine('records', host);

  let stack = null;
  let bare = null;
  let floor = null;
  const cleanup = cleanupOnce('records', async () => {
    await stopChild(bare);
    await stopChild(floor);
    return stack ? stack.stop() : null;
  });

  try {
    stack = await startHavenStack({
      bench: 'records',
      apiNodeArgs: nodeArgsFrom('BENCH_API_NODE_ARGS'),
    });
    const { baseUrl, api, env } = stack;

    say(`signing up a coach with ${CLIENTS} clients`);
    const { token } = await signUpBenchCoach(baseUrl);
    const clientIds = [];
    for (let i = 0; i < CLIENTS; i++) {
      const client = await postJson(
        `${baseUrl}/api/v1/clients`,
        {
          fullName: `Bench Client ${i}`,
          email: `client-${i}@example.test`,
          dateOfBirth: '1985-06-01',
          screening: {
            activelySuicidal: false,
            activeAddiction: false,
            activeSelfHarm: false,
            outsideCompetence: false,
          },
        },
        token,
      );
      if (client.status !== 201) throw new Error(`intake failed: ${client.status} ${client.text}`);
      clientIds.push(client.body.id);
    }
    const body = sessionBody();

    // The stored size of one session (record row + version row), so the bare row matches it.
    const probe = await postJson(`${baseUrl}/api/v1/clients/${clientIds[0]}/sessions`, body, token);
    if (probe.status !== 201) throw new Error(`probe session failed: ${probe.status} ${probe.text}`);
    const owner = new pg.Client({ connectionString: env.DATABASE_URL });
    await owner.connect();
    const sized = await owner.query(
      `SELECT pg_column_size(s.*) + pg_column_size(v.*) AS bytes FROM session_records s JOIN session_record_versions v ON v.session_id = s.id WHERE s.id = $1`,
      [probe.body.id],
    );
    const rowBytes = Number(sized.rows[0].bytes);
    say(`one session is stored in ${rowBytes} bytes (notes ${NOTES_BYTES} bytes); the bare row is padded to match`);

    // All three servers run for the whole bench; only the one under load does any work.
    say('starting the bare server (Fastify + pg) and the floor (bench/lib/floor-server.mjs)');
    bare = spawnNode(
      fileURLToPath(import.meta.url),
      ['--bare-server'],
      { ...process.env, DATABASE_URL: env.DATABASE_URL, ROW_BYTES: String(rowBytes) },
      { name: 'bare', logTail: 50 },
    );
    const appUrl = new URL(env.DATABASE_URL);
    appUrl.username = 'haven_app';
    appUrl.password = readFileSync(join(env.HAVEN_DATA_DIR, 'secrets/db-app-password'), 'utf8').trim();
    floor = spawnNode(
      fileURLToPath(new URL('./lib/floor-server.mjs', import.meta.url)),
      [],
      {
        ...process.env,
        DATABASE_APP_URL: appUrl.toString(),
        REDIS_URL: env.REDIS_URL,
        COACH_ID: claimsOf(token).sub,
        CLIENT_IDS: clientIds.join(','),
        ROW_BYTES: String(rowBytes),
      },
      { name: 'floor', logTail: 50, nodeArgs: nodeArgsFrom('BENCH_FLOOR_NODE_ARGS') },
    );
    const [barePort, floorPort] = await Promise.all([waitForListening(bare), waitForListening(floor)]);
    const floorToken = floor.outputLines.find((line) => line.startsWith('token ')).slice('token '.length);
    const floorAuth = { authorization: `Bearer ${floorToken}` };
    const auth = { authorization: `Bearer ${token}` };

    const bareIds = [];
    const floorIds = [];
    const havenIds = [];
    let next = 0;
    const havenWrites = writes(`/api/v1/clients/${clientIds[0]}/sessions`, body, auth, havenIds);
    // Spread the writes over the clients, as a practice would.
    havenWrites.requests[0].setupRequest = (req) => ({
      ...req,
      path: `/api/v1/clients/${clientIds[next++ % clientIds.length]}/sessions`,
    });
    const servers = [
      {
        name: 'bare',
        pid: bare.pid,
        write: {
          label: 'write: bare Fastify + pg INSERT',
          options: { url: `http://127.0.0.1:${barePort}`, ...writes('/rows', body, {}, bareIds) },
        },
        read: {
          label: 'read: bare Fastify + pg SELECT',
          options: { url: `http://127.0.0.1:${barePort}`, ...reads((id) => `/rows/${id}`, {}, bareIds) },
        },
      },
      {
        name: 'floor',
        pid: floor.pid,
        write: {
          label: 'write: floor (auth + RLS transaction + audit, no framework)',
          options: { url: `http://127.0.0.1:${floorPort}`, ...writes('/sessions', body, floorAuth, floorIds) },
        },
        read: {
          label: 'read: floor (auth + RLS transaction + audit, no framework)',
          options: { url: `http://127.0.0.1:${floorPort}`, ...reads((id) => `/sessions/${id}`, floorAuth, floorIds) },
        },
      },
      {
        name: 'haven',
        pid: api.pid,
        write: { label: 'write: Haven POST /clients/:id/sessions', options: { url: baseUrl, ...havenWrites } },
        read: {
          label: 'read: Haven GET /sessions/:id',
          options: { url: baseUrl, ...reads((id) => `/api/v1/sessions/${id}`, auth, havenIds) },
        },
      },
    ];

    const phases = ROUNDS * servers.length * 2;
    say(
      `${ROUNDS} rounds of bare, floor, Haven (write then read each; the order rotates every round), ` +
        `${CONNECTIONS} connections, ${PHASE_WARMUP} s warm-up + ${PHASE_DURATION} s per phase: ` +
        `${phases} phases, about ${Math.ceil((phases * (PHASE_WARMUP + PHASE_DURATION)) / 60)} min`,
    );
    const measured = { bare: { write: [], read: [] }, floor: { write: [], read: [] }, haven: { write: [], read: [] } };
    let phase = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Rotated, so no server always runs first (right after a quiet moment) or last.
      const order = servers.map((_, i) => servers[(i + round) % servers.length]);
      for (const server of order) {
        for (const operation of ['write', 'read']) {
          phase += 1;
          const { label, options } = server[operation];
          measured[server.name][operation].push(
            await cannon('records', label, options, server.pid, {
              prefix: `round ${round + 1}/${ROUNDS}, phase ${phase}/${phases} · `,
              duration: PHASE_DURATION,
              warmup: PHASE_WARMUP,
            }),
          );
        }
      }
    }

    const stored = await owner.query(`SELECT count(*)::int AS n FROM session_records`);
    const audited = await owner.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action IN ('session.create', 'session.read')`,
    );
    await owner.end();
    const apiWarnings = warningLines(api);

    say('cleaning up');
    const cleaned = await cleanup();

    // A ratio per round (both servers measured minutes apart at most), then the median of those.
    // A round whose baseline answered nothing has no ratio (the machine stalled): left out.
    const roundRatios = (of, over, operation) =>
      measured[of][operation].map((row, round) => {
        const baseline = measured[over][operation][round].requestsPerSecond;
        return baseline > 0 ? row.requestsPerSecond / baseline : null;
      });
    const medianRatio = (of, over, operation) =>
      round3(median(roundRatios(of, over, operation).filter((value) => value !== null)));
    const perRound = (of, over, operation) =>
      roundRatios(of, over, operation).map((value) => (value === null ? null : round3(value)));
    const ratios = {};
    for (const [name, of, over] of [
      ['havenToFloor', 'haven', 'floor'],
      ['floorToBare', 'floor', 'bare'],
      ['havenToBare', 'haven', 'bare'],
    ]) {
      ratios[name] = {
        write: medianRatio(of, over, 'write'),
        read: medianRatio(of, over, 'read'),
        perRound: { write: perRound(of, over, 'write'), read: perRound(of, over, 'read') },
      };
    }
    const summaries = ['write', 'read'].flatMap((operation) =>
      servers.map((server) => summarise(server[operation].label, measured[server.name][operation])),
    );
    const results = {
      bench: 'records',
      startedAt: startedAt.toISOString(),
      seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      machine: host,
      settings: {
        connections: CONNECTIONS,
        rounds: ROUNDS,
        durationSeconds: PHASE_DURATION,
        warmupSeconds: PHASE_WARMUP,
        notesBytes: NOTES_BYTES,
        clients: CLIENTS,
        poolSize: POOL_SIZE,
      },
      storedRowBytes: rowBytes,
      rounds: measured,
      summaries,
      ratios,
      targets: TARGETS,
      sessionsStored: stored.rows[0].n,
      sessionAuditEvents: audited.rows[0].n,
      apiWarnings: apiWarnings.slice(-50),
      cleaned,
    };
    const path = writeResults('records', results);

    const { havenToFloor, floorToBare, havenToBare } = ratios;
    console.log('');
    console.log(table(summaries));
    console.log('');
    console.log(
      `per round, Haven / floor: write ${havenToFloor.perRound.write.join(' / ')}, read ${havenToFloor.perRound.read.join(' / ')}`,
    );
    console.log(`Haven / floor = write ${havenToFloor.write}, read ${havenToFloor.read} (median of ${ROUNDS} rounds)`);
    console.log(
      `target write >= ${TARGETS.write}: ${havenToFloor.write >= TARGETS.write ? 'met' : 'MISSED'}; ` +
        `read >= ${TARGETS.read}: ${havenToFloor.read >= TARGETS.read ? 'met' : 'MISSED'}`,
    );
    console.log(
      `for context: floor / bare = write ${floorToBare.write}, read ${floorToBare.read}; ` +
        `Haven / bare = write ${havenToBare.write}, read ${havenToBare.read}`,
    );
    console.log(`results in ${path} (${results.seconds} s)`);
    const failed = summaries.filter((row) => row.failed > 0);
    if (failed.length > 0) {
      console.error(`requests failed in: ${failed.map((row) => `${row.label} (${row.failed})`).join(', ')}`);
      process.exitCode = 1;
    } else {
      console.log('0 failed requests (non-2xx, errors, timeouts) in every phase');
    }
  } finally {
    await cleanup();
  }
}

if (process.argv.includes('--bare-server')) {
  await runBareServer();
} else {
  await main();
}
