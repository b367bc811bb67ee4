// Identity bench (issue 2): GET /api/v1/me throughput beside a bare Fastify hello route on the same
// machine, and login latency. Runs the built API as a child process against a throw-away database,
// Redis prefix and data dir, all removed at the end.
//
//   npm run bench -- identity            (or: node bench/run.mjs identity)
//
// Knobs (environment): BENCH_CONNECTIONS (50), BENCH_DURATION (10 s), BENCH_WARMUP (2 s),
// BENCH_LOGINS (40), BENCH_LOGIN_CONCURRENCY (4), BENCH_SEQUENTIAL_LOGINS (20),
// BENCH_PG_ADMIN_URL, BENCH_REDIS_URL.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import {
  machine,
  percentile,
  root,
  say as sayAs,
  spawnNode,
  startHavenStack,
  stopChild,
  warningLines,
  withCpu,
  writeResults,
} from './lib/haven-stack.mjs';

const say = (line) => sayAs('identity', line);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const LOGINS = Number(process.env.BENCH_LOGINS ?? 40);
const LOGIN_CONCURRENCY = Number(process.env.BENCH_LOGIN_CONCURRENCY ?? 4);
const SEQUENTIAL_LOGINS = Number(process.env.BENCH_SEQUENTIAL_LOGINS ?? 20);

let stack = null;
let hello = null;
let cleaning = null;
function cleanup() {
  cleaning ??= (async () => {
    await stopChild(hello);
    return stack ? stack.stop() : null;
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`[identity] ${signal}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}

async function postJson(url, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, text };
}

/** autocannon at fixed connections for a duration, after a warm-up run that is thrown away. */
async function cannon(label, options, pid) {
  if (WARMUP > 0) await autocannon({ ...options, connections: CONNECTIONS, duration: WARMUP });
  const { result, serverCpuCores } = await withCpu(pid, () =>
    autocannon({ ...options, connections: CONNECTIONS, duration: DURATION }),
  );
  const summary = {
    label,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    serverCpuCores,
  };
  say(
    `${label}: ${Math.round(summary.requestsPerSecond)} req/s, p50 ${summary.latencyMs.p50} ms, p99 ${summary.latencyMs.p99} ms`,
  );
  return summary;
}

/** `count` logins, `concurrency` at a time, each timed from request to parsed answer. */
async function logins(baseUrl, coach, count, concurrency, pid) {
  const latencies = [];
  const failures = [];
  let next = 0;
  const started = performance.now();
  const { serverCpuCores } = await withCpu(pid, () =>
    Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          next += 1;
          const t0 = performance.now();
          const answer = await postJson(`${baseUrl}/api/v1/auth/login`, {
            email: coach.email,
            password: coach.password,
          });
          const elapsed = performance.now() - t0;
          if (answer.status === 200 && answer.body?.accessToken) latencies.push(elapsed);
          else failures.push(`${answer.status} ${answer.text.slice(0, 200)}`);
        }
      }),
    ),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const round = (ms) => Math.round(ms);
  return {
    label: `POST /api/v1/auth/login (${concurrency} at a time)`,
    concurrency,
    count,
    requestsPerSecond: Math.round((latencies.length / wallSeconds) * 100) / 100,
    latencyMs: latencies.length
      ? {
          p50: round(percentile(latencies, 50)),
          p90: round(percentile(latencies, 90)),
          p99: round(percentile(latencies, 99)),
          min: round(Math.min(...latencies)),
          max: round(Math.max(...latencies)),
        }
      : null,
    ok: latencies.length,
    failures,
    serverCpuCores,
  };
}

function waitForListening(child) {
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) {
        child.stdout.off('data', onData);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`hello server exited with code ${code}`)));
  });
}

function table(rows) {
  const lines = ['| Measure | Load | req/s | p50 ms | p99 ms | server CPU (cores) |', '|---|---|---:|---:|---:|---:|'];
  for (const row of rows) {
    const load = row.connections
      ? `${row.connections} connections, ${row.durationSeconds} s`
      : `${row.count} logins, ${row.concurrency} at a time`;
    const rps = row.requestsPerSecond >= 100 ? Math.round(row.requestsPerSecond) : row.requestsPerSecond.toFixed(1);
    lines.push(
      `| ${row.label} | ${load} | ${rps} | ${row.latencyMs?.p50 ?? '-'} | ${row.latencyMs?.p99 ?? '-'} | ${row.serverCpuCores ?? '-'} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const startedAt = new Date();
  const host = machine();
  say(
    `machine: ${host.nproc} cores (${host.cpu}), node ${host.node}, commit ${host.commit ?? '?'}${host.dirty ? ' (dirty)' : ''}`,
  );

  if (host.loadAverage1m > 0.5) {
    say(`warning: load average ${host.loadAverage1m} before the run: something else is using the CPU`);
  }
  stack = await startHavenStack({ bench: 'identity' });
  const { baseUrl, api } = stack;

  say('signing up a coach and logging in');
  const coach = {
    email: `bench-${randomBytes(5).toString('hex')}@example.test`,
    password: `Haven-${randomBytes(12).toString('base64url')}-pass`,
    displayName: 'Bench Coach',
  };
  const t0 = performance.now();
  const signup = await postJson(`${baseUrl}/api/v1/auth/signup`, coach);
  const signupMs = Math.round(performance.now() - t0);
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${signup.text}`);
  const login = await postJson(`${baseUrl}/api/v1/auth/login`, { email: coach.email, password: coach.password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
  const token = login.body.accessToken;
  const me = await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  if (me.status !== 200) throw new Error(`GET /api/v1/me answered ${me.status}: ${await me.text()}`);
  await me.text();

  say(`phase 1/3: bare Fastify GET /hello (${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s)`);
  hello = spawnNode(
    join(root, 'bench/lib/hello-server.mjs'),
    [],
    { ...process.env, PORT: '0' },
    { name: 'hello', logTail: 50 },
  );
  const helloPort = await waitForListening(hello);
  const helloResult = await cannon(
    'GET /hello (bare Fastify)',
    { url: `http://127.0.0.1:${helloPort}/hello` },
    hello.pid,
  );
  await stopChild(hello);

  say(
    `phase 2/3: GET /api/v1/me with a bearer token (${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s)`,
  );
  const meResult = await cannon(
    'GET /api/v1/me',
    { url: `${baseUrl}/api/v1/me`, headers: { authorization: `Bearer ${token}` } },
    api.pid,
  );

  say(
    `phase 3/3: login latency (${SEQUENTIAL_LOGINS} one at a time, then ${LOGINS} at ${LOGIN_CONCURRENCY} at a time)`,
  );
  await logins(baseUrl, coach, 4, 2, api.pid); // warm-up: both Argon2 pool threads and bcrypt
  const sequential = await logins(baseUrl, coach, SEQUENTIAL_LOGINS, 1, api.pid);
  say(`login one at a time: p50 ${sequential.latencyMs?.p50} ms, p99 ${sequential.latencyMs?.p99} ms`);
  const concurrent = await logins(baseUrl, coach, LOGINS, LOGIN_CONCURRENCY, api.pid);
  say(`login ${LOGIN_CONCURRENCY} at a time: p50 ${concurrent.latencyMs?.p50} ms, p99 ${concurrent.latencyMs?.p99} ms`);

  const ratio = Math.round((meResult.requestsPerSecond / helloResult.requestsPerSecond) * 1000) / 1000;
  const apiWarnings = warningLines(api);

  say('cleaning up');
  const cleaned = await cleanup();
  say(`removed database ${cleaned.database ? stack.id : '(none)'}, ${cleaned.redisKeys} Redis keys, the data dir`);

  const rows = [helloResult, meResult, sequential, concurrent];
  const results = {
    bench: 'identity',
    startedAt: startedAt.toISOString(),
    machine: host,
    settings: {
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      warmupSeconds: WARMUP,
      logins: LOGINS,
      loginConcurrency: LOGIN_CONCURRENCY,
      sequentialLogins: SEQUENTIAL_LOGINS,
    },
    apiBootMs: stack.bootMs,
    signupMs,
    hello: helloResult,
    me: meResult,
    meOverHello: ratio,
    login: { sequential, concurrent },
    apiWarnings: apiWarnings.slice(-50),
    cleaned,
  };
  const path = writeResults('identity', results);

  console.log('');
  console.log(table(rows));
  console.log('');
  console.log(`GET /api/v1/me / GET /hello = ${ratio} (${(ratio * 100).toFixed(1)} % of bare Fastify)`);
  console.log(`API boot ${stack.bootMs} ms, signup ${signupMs} ms; results in ${path.slice(root.length)}`);
  if (apiWarnings.length > 0)
    console.log(`the API logged ${apiWarnings.length} warning/error line(s); see apiWarnings in the JSON`);

  const problems = [];
  for (const row of [helloResult, meResult]) {
    if (row.non2xx || row.errors || row.timeouts)
      problems.push(`${row.label}: ${row.non2xx} non-2xx, ${row.errors} errors, ${row.timeouts} timeouts`);
  }
  for (const row of [sequential, concurrent]) {
    if (row.failures.length) problems.push(`${row.label}: ${row.failures.length} failed, first: ${row.failures[0]}`);
  }
  if (problems.length > 0) {
    console.error(`[identity] the numbers above include failed requests:\n  - ${problems.join('\n  - ')}`);
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  console.error(`[identity] failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
  await cleanup().catch((cleanupError) => console.error(`[identity] cleanup failed: ${cleanupError.message}`));
}
