// Identity bench (issue 2): GET /api/v1/me throughput beside a bare Fastify hello route on the same
// machine, and login latency. Runs the built API as a child process against a throw-away database,
// Redis prefix and data dir, all removed at the end.
//
//   npm run bench -- identity            (or: node bench/run.mjs identity)
//
// Knobs (environment): BENCH_CONNECTIONS (50), BENCH_DURATION (10 s), BENCH_WARMUP (2 s),
// BENCH_LOGINS (40), BENCH_LOGIN_CONCURRENCY (4), BENCH_SEQUENTIAL_LOGINS (20),
// BENCH_PG_ADMIN_URL, BENCH_REDIS_URL.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  cleanupOnce,
  machine,
  percentile,
  root,
  say as sayAs,
  sayMachine,
  spawnNode,
  startHavenStack,
  stopChild,
  waitForListening,
  warningLines,
  withCpu,
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

const say = (line) => sayAs('identity', line);
const LOGINS = Number(process.env.BENCH_LOGINS ?? 40);
const LOGIN_CONCURRENCY = Number(process.env.BENCH_LOGIN_CONCURRENCY ?? 4);
const SEQUENTIAL_LOGINS = Number(process.env.BENCH_SEQUENTIAL_LOGINS ?? 20);

let stack = null;
let hello = null;
const cleanup = cleanupOnce('identity', async () => {
  await stopChild(hello);
  return stack ? stack.stop() : null;
});

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
  sayMachine('identity', host);
  stack = await startHavenStack({ bench: 'identity' });
  const { baseUrl, api } = stack;

  say('signing up a coach and logging in');
  const { coach, token, signupMs } = await signUpBenchCoach(baseUrl);
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
    'identity',
    'GET /hello (bare Fastify)',
    { url: `http://127.0.0.1:${helloPort}/hello` },
    hello.pid,
  );
  await stopChild(hello);

  say(
    `phase 2/3: GET /api/v1/me with a bearer token (${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s)`,
  );
  const meResult = await cannon(
    'identity',
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

  const meOverHello = ratio(meResult, helloResult);
  const apiWarnings = warningLines(api);

  say('cleaning up');
  const cleaned = await cleanup();

  const rows = [helloResult, meResult, sequential, concurrent];
  const results = {
    bench: 'identity',
    startedAt: startedAt.toISOString(),
    machine: host,
    settings: {
      ...LOAD_SETTINGS,
      logins: LOGINS,
      loginConcurrency: LOGIN_CONCURRENCY,
      sequentialLogins: SEQUENTIAL_LOGINS,
    },
    apiBootMs: stack.bootMs,
    signupMs,
    hello: helloResult,
    me: meResult,
    meOverHello,
    login: { sequential, concurrent },
    apiWarnings: apiWarnings.slice(-50),
    cleaned,
  };
  const path = writeResults('identity', results);

  console.log('');
  console.log(table(rows));
  console.log('');
  console.log(`GET /api/v1/me / GET /hello = ${meOverHello} (${(meOverHello * 100).toFixed(1)} % of bare Fastify)`);
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
