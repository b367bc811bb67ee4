// HTTP load and calls shared by the benches: one autocannon measure at fixed connections (with the
// server's CPU share), and the JSON calls that set a bench up against a Haven API.
// Knobs (environment): BENCH_CONNECTIONS (50), BENCH_DURATION (10 s), BENCH_WARMUP (2 s).
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { say, withCpu } from './haven-stack.mjs';

export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
export const DURATION = Number(process.env.BENCH_DURATION ?? 10);
export const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
// The knobs above as each bench's results JSON records them under `settings`.
export const LOAD_SETTINGS = { connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP };

/**
 * autocannon at fixed connections for a duration, after a warm-up run that is thrown away, while
 * measuring the CPU of the server process `pid`. Logs one line under `bench`, after `prefix`.
 */
export async function cannon(bench, label, options, pid, { prefix = '', duration = DURATION, warmup = WARMUP } = {}) {
  if (warmup > 0) await autocannon({ ...options, connections: CONNECTIONS, duration: warmup });
  const { result, serverCpuCores, serverCpuSeconds } = await withCpu(pid, () =>
    autocannon({ ...options, connections: CONNECTIONS, duration }),
  );
  const summary = {
    label,
    connections: CONNECTIONS,
    durationSeconds: duration,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    serverCpuCores,
    // The server's own CPU time per answered request: unlike req/s, hardly moved by what else runs.
    serverCpuMsPerRequest:
      serverCpuSeconds === null || result.requests.total === 0
        ? null
        : Math.round(((serverCpuSeconds * 1000) / result.requests.total) * 100) / 100,
  };
  say(
    bench,
    `${prefix}${label}: ${Math.round(summary.requestsPerSecond)} req/s, p50 ${summary.latencyMs.p50} ms, p99 ${summary.latencyMs.p99} ms, CPU ${serverCpuCores} cores, ${summary.serverCpuMsPerRequest} ms/request, ${summary.non2xx + summary.errors + summary.timeouts} failed`,
  );
  return summary;
}

/** Requests per second of one measure over another's, to three decimals. */
export function ratio(measured, baseline) {
  return Math.round((measured.requestsPerSecond / baseline.requestsPerSecond) * 1000) / 1000;
}

/** POSTs `body` as JSON, with a bearer token when given; the answer's status, parsed body and text. */
export async function postJson(url, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, text };
}

/** Signs a new coach up and logs them in; the credentials, the access token and how long signup took. */
export async function signUpBenchCoach(baseUrl) {
  const coach = {
    email: `bench-${randomBytes(5).toString('hex')}@example.test`,
    password: `Haven-${randomBytes(12).toString('base64url')}-pass`,
    displayName: 'Bench Coach',
  };
  const started = performance.now();
  const signup = await postJson(`${baseUrl}/api/v1/auth/signup`, coach);
  const signupMs = Math.round(performance.now() - started);
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${signup.text}`);
  const login = await postJson(`${baseUrl}/api/v1/auth/login`, { email: coach.email, password: coach.password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
  return { coach, token: login.body.accessToken, signupMs };
}
