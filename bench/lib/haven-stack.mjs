// Shared bench harness: a throw-away Haven (fresh Postgres database, own Redis prefix, own data
// dir) running the built API as a child process, plus small measuring helpers.
// Every bench that needs the real API can use startHavenStack(); stop() removes everything it made.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';

export const root = new URL('../..', import.meta.url).pathname;
const cliMain = join(root, 'dist/apps/cli/src/main.js');
const apiMain = join(root, 'dist/apps/api/src/main.js');

// The server that receives CREATE/DROP DATABASE (trust auth as postgres by default).
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const say = (bench, line) => console.log(`[${bench}] ${line}`);

/** A timestamp safe for database names and file names: 20261123t101500123. */
export function stamp(date = new Date()) {
  return date
    .toISOString()
    .replace(/[-:.Z]/g, '')
    .replace('T', 't')
    .toLowerCase();
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Deletes every Redis key under `${prefix}:`; returns how many. */
export async function deleteRedisPrefix(prefix) {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: true });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
  return deleted;
}

/** Linux only: CPU seconds (user + system) a process has used so far, or null. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return null;
  }
}

/**
 * Runs `work` and reports the CPU `pid` used meanwhile: as a share (in cores, 1.0 = one full core)
 * and in seconds (null when /proc cannot tell).
 */
export async function withCpu(pid, work) {
  const before = cpuSeconds(pid);
  const started = process.hrtime.bigint();
  const result = await work();
  const after = cpuSeconds(pid);
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = before === null || after === null ? null : after - before;
  const cores = used === null ? null : Math.round((used / wallSeconds) * 100) / 100;
  return { result, serverCpuCores: cores, serverCpuSeconds: used };
}

/** Nearest-rank percentile of an unsorted list of numbers. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function machine() {
  const nproc = spawnSync('nproc', [], { encoding: 'utf8' }).stdout?.trim();
  let commit = null;
  let dirty = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    // --no-optional-locks: read only, never refreshes the index.
    dirty =
      execFileSync('git', ['--no-optional-locks', 'status', '--porcelain', '--untracked-files=no'], {
        cwd: root,
        encoding: 'utf8',
      }).trim() !== '';
  } catch {
    // not a git checkout
  }
  return {
    nproc: nproc ? Number(nproc) : null,
    cpu: cpus()[0]?.model ?? null,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    commit,
    dirty,
    // Other work on the machine (a test run, a build) skews every number: check this first.
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
  };
}

/** Logs the machine line every bench starts with, and warns when something else is using the CPU. */
export function sayMachine(bench, host) {
  say(
    bench,
    `machine: ${host.nproc} cores (${host.cpu}), node ${host.node}, commit ${host.commit ?? '?'}${host.dirty ? ' (dirty)' : ''}`,
  );
  if (host.loadAverage1m > 0.5) {
    say(bench, `warning: load average ${host.loadAverage1m} before the run: something else is using the CPU`);
  }
}

/**
 * `stop` made safe to call more than once (every call gets the first call's promise), and run on
 * SIGINT or SIGTERM before the bench exits with 130.
 */
export function cleanupOnce(bench, stop) {
  let cleaning = null;
  const cleanup = () => (cleaning ??= stop());
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.error(`[${bench}] ${signal}: cleaning up`);
      cleanup().finally(() => process.exit(130));
    });
  }
  return cleanup;
}

/** Spawns a Node script and resolves with the child once `ready(output)` holds. */
export function spawnNode(script, args, env, { name, logTail, nodeArgs = [] }) {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    env,
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(line);
    if (lines.length > logTail) lines.splice(0, lines.length - logTail);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.outputLines = lines;
  child.label = name;
  return child;
}

/** Resolves with the port a baseline server prints as "listening <port>"; rejects if it exits first. */
export function waitForListening(child) {
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) {
        child.stdout.off('data', onData);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${child.label} server exited with code ${code}`)));
  });
}

export async function stopChild(child, timeoutMs = 10_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const outcome = await Promise.race([exited.then(() => 'exited'), sleep(timeoutMs).then(() => 'timeout')]);
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * A fresh Haven: database haven_bench_<stamp>, Redis prefix haven_bench_<stamp>, temporary
 * HAVEN_DATA_DIR; runs `cli migrate` then the API on a free port, and waits for /health.
 * stop() removes all three and says what it removed.
 */
export async function startHavenStack({ bench, extraEnv = {}, apiNodeArgs = [] } = {}) {
  const id = `haven_bench_${stamp()}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-bench-'));
  const databaseUrl = new URL(ADMIN_URL);
  databaseUrl.pathname = `/${id}`;
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL,
    REDIS_PREFIX: id,
    HAVEN_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  // A DATABASE_APP_URL inherited from the shell would point the API at another database.
  delete env.DATABASE_APP_URL;
  delete env.LOG_FILE;

  let api = null;
  let databaseCreated = false;
  const stop = async () => {
    await stopChild(api);
    const cleaned = { database: false, redisKeys: 0, dataDir: false };
    if (databaseCreated) {
      await adminQuery(`DROP DATABASE IF EXISTS "${id}" WITH (FORCE)`);
      cleaned.database = true;
    }
    cleaned.redisKeys = await deleteRedisPrefix(id);
    rmSync(dataDir, { recursive: true, force: true });
    cleaned.dataDir = true;
    say(bench, `removed database ${cleaned.database ? id : '(none)'}, ${cleaned.redisKeys} Redis keys, the data dir`);
    return cleaned;
  };

  try {
    say(bench, `creating database ${id}`);
    await adminQuery(`CREATE DATABASE "${id}"`);
    databaseCreated = true;

    say(bench, 'running migrations (cli migrate)');
    const migrate = spawnSync(process.execPath, [cliMain, 'migrate'], { env, cwd: root, encoding: 'utf8' });
    if (migrate.status !== 0)
      throw new Error(`cli migrate failed (exit ${migrate.status}):\n${migrate.stdout}${migrate.stderr}`);

    say(bench, `starting the API on port ${port}`);
    const started = Date.now();
    api = spawnNode(apiMain, [], env, { name: 'api', logTail: 200, nodeArgs: apiNodeArgs });
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHealth(baseUrl, api);
    const bootMs = Date.now() - started;
    say(bench, `API healthy after ${bootMs} ms`);
    return { id, env, baseUrl, api, bootMs, stop };
  } catch (error) {
    const tail = api?.outputLines?.slice(-30).join('\n');
    await stop().catch(() => {});
    if (tail) error.message += `\nAPI output:\n${tail}`;
    throw error;
  }
}

async function waitForHealth(baseUrl, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode} before it was healthy`);
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the API was not healthy within ${timeoutMs} ms`);
}

export function writeResults(name, results) {
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}-${stamp()}.json`);
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
  return path;
}

/** Log lines of a child at level warn (40) or above, as pino JSON or plain text. */
export function warningLines(child) {
  return (child?.outputLines ?? []).filter((line) => {
    try {
      return JSON.parse(line).level >= 40;
    } catch {
      return true; // anything not JSON (stack traces, EBADENGINE notes) is worth a look
    }
  });
}
