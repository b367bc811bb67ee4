// Session-records bench (issue 3): write (POST /clients/:id/sessions) and read (GET /sessions/:id)
// throughput and latency at 50 connections, beside a bare Fastify + pg server that inserts and
// selects a row of the same stored size, in the same run, against the same Postgres. Ratios are
// Haven / bare (targets: write >= 0.6, read >= 0.7). A third server, the floor
// (bench/lib/floor-server.mjs), does only what Haven must do per request (token, Redis session,
// RLS transaction, audit chain) with no framework: floor / bare is the best ratio any
// implementation of these duties gets on this machine. The built API runs as a child process
// against a throw-away database, Redis prefix and data dir, all removed at the end.
//
//   npm run bench -- records            (builds dist/ if needed; or: node bench/records.bench.mjs)
//
// Knobs (environment): BENCH_CONNECTIONS (50), BENCH_DURATION (10 s), BENCH_WARMUP (2 s),
// BENCH_NOTES_BYTES (1000), BENCH_CLIENTS (10), BENCH_PG_ADMIN_URL, BENCH_REDIS_URL,
// BENCH_API_NODE_ARGS (node flags for the API process only, e.g.
// `--cpu-prof --cpu-prof-dir=/tmp/haven-prof` to profile it: Node refuses --cpu-prof in NODE_OPTIONS),
// BENCH_FLOOR_NODE_ARGS (the same for the floor server).
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
import {
  CONNECTIONS,
  DURATION,
  LOAD_SETTINGS,
  WARMUP,
  cannon,
  postJson,
  ratio,
  signUpBenchCoach,
} from './lib/http-load.mjs';

const NOTES_BYTES = Number(process.env.BENCH_NOTES_BYTES ?? 1000);
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

function table(rows) {
  const lines = [
    '| Measure | req/s | p50 ms | p99 ms | server CPU (cores) | non-2xx |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.label} | ${Math.round(row.requestsPerSecond)} | ${row.latencyMs.p50} | ${row.latencyMs.p99} | ${row.serverCpuCores ?? '-'} | ${row.non2xx + row.errors} |`,
    );
  }
  return lines.join('\n');
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

    say(`phase 1/3: bare Fastify + pg (${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s each)`);
    bare = spawnNode(
      fileURLToPath(import.meta.url),
      ['--bare-server'],
      { ...process.env, DATABASE_URL: env.DATABASE_URL, ROW_BYTES: String(rowBytes) },
      { name: 'bare', logTail: 50 },
    );
    const barePort = await waitForListening(bare);
    const bareUrl = `http://127.0.0.1:${barePort}`;
    const bareIds = [];
    const bareWrite = await cannon(
      'records',
      'write: bare Fastify + pg INSERT',
      { url: bareUrl, ...writes('/rows', body, {}, bareIds) },
      bare.pid,
    );
    const bareRead = await cannon(
      'records',
      'read: bare Fastify + pg SELECT',
      { url: bareUrl, ...reads((id) => `/rows/${id}`, {}, bareIds) },
      bare.pid,
    );
    await stopChild(bare);

    say(`phase 2/3: the floor, Fastify + pg + Redis doing only Haven's duties (bench/lib/floor-server.mjs)`);
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
    const floorPort = await waitForListening(floor);
    const floorToken = floor.outputLines.find((line) => line.startsWith('token ')).slice('token '.length);
    const floorUrl = `http://127.0.0.1:${floorPort}`;
    const floorAuth = { authorization: `Bearer ${floorToken}` };
    const floorIds = [];
    const floorWrite = await cannon(
      'records',
      'write: floor (auth + RLS transaction + audit, no framework)',
      { url: floorUrl, ...writes('/sessions', body, floorAuth, floorIds) },
      floor.pid,
    );
    const floorRead = await cannon(
      'records',
      'read: floor (auth + RLS transaction + audit, no framework)',
      { url: floorUrl, ...reads((id) => `/sessions/${id}`, floorAuth, floorIds) },
      floor.pid,
    );
    await stopChild(floor);

    say(`phase 3/3: Haven session records (${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s each)`);
    const auth = { authorization: `Bearer ${token}` };
    const havenIds = [];
    let next = 0;
    const havenWriteOptions = writes(`/api/v1/clients/${clientIds[0]}/sessions`, body, auth, havenIds);
    // Spread the writes over the clients, as a practice would.
    havenWriteOptions.requests[0].setupRequest = (req) => ({
      ...req,
      path: `/api/v1/clients/${clientIds[next++ % clientIds.length]}/sessions`,
    });
    const havenWrite = await cannon(
      'records',
      'write: Haven POST /clients/:id/sessions',
      { url: baseUrl, ...havenWriteOptions },
      api.pid,
    );
    const havenRead = await cannon(
      'records',
      'read: Haven GET /sessions/:id',
      { url: baseUrl, ...reads((id) => `/api/v1/sessions/${id}`, auth, havenIds) },
      api.pid,
    );

    const stored = await owner.query(`SELECT count(*)::int AS n FROM session_records`);
    const audited = await owner.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action IN ('session.create', 'session.read')`,
    );
    await owner.end();
    const apiWarnings = warningLines(api);

    say('cleaning up');
    const cleaned = await cleanup();

    const ratios = { write: ratio(havenWrite, bareWrite), read: ratio(havenRead, bareRead) };
    const floorRatios = { write: ratio(floorWrite, bareWrite), read: ratio(floorRead, bareRead) };
    const havenToFloor = { write: ratio(havenWrite, floorWrite), read: ratio(havenRead, floorRead) };
    const results = {
      bench: 'records',
      startedAt: startedAt.toISOString(),
      machine: host,
      settings: {
        ...LOAD_SETTINGS,
        notesBytes: NOTES_BYTES,
        clients: CLIENTS,
        poolSize: POOL_SIZE,
      },
      storedRowBytes: rowBytes,
      bare: { write: bareWrite, read: bareRead },
      floor: { write: floorWrite, read: floorRead },
      haven: { write: havenWrite, read: havenRead },
      ratios,
      floorRatios,
      havenToFloor,
      targets: { write: 0.6, read: 0.7 },
      sessionsStored: stored.rows[0].n,
      sessionAuditEvents: audited.rows[0].n,
      apiWarnings: apiWarnings.slice(-50),
      cleaned,
    };
    const path = writeResults('records', results);

    console.log('');
    console.log(table([bareWrite, floorWrite, havenWrite, bareRead, floorRead, havenRead]));
    console.log('');
    console.log(
      `write ratio Haven / bare = ${ratios.write} (target >= 0.6): ${ratios.write >= 0.6 ? 'met' : 'MISSED'}`,
    );
    console.log(`read ratio  Haven / bare = ${ratios.read} (target >= 0.7): ${ratios.read >= 0.7 ? 'met' : 'MISSED'}`);
    console.log(
      `floor / bare = write ${floorRatios.write}, read ${floorRatios.read}; Haven / floor = write ${havenToFloor.write}, read ${havenToFloor.read}`,
    );
    console.log(`results in ${path}`);
    const failed = [bareWrite, bareRead, floorWrite, floorRead, havenWrite, havenRead].filter(
      (row) => row.non2xx + row.errors + row.timeouts > 0,
    );
    if (failed.length > 0) {
      console.error(`requests failed in: ${failed.map((row) => row.label).join(', ')}`);
      process.exitCode = 1;
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
