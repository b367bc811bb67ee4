import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

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

// The README's first command, as a new user runs it: no DATABASE_URL, so Haven starts its own
// embedded Postgres under the data folder; Redis is the local one if it answers.
describe('npm start with no environment', () => {
  let child: ChildProcess;
  let output = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-start-'));

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers GET /health with 200 within two minutes and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HAVEN_DATA_DIR: dataDir,
      HAVEN_EMBEDDED_PG_PORT: String(await freePort()),
      // Keys of this run only, so the suite leaves nothing behind in a shared Redis.
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}-start`,
    };
    child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], { cwd: root, env, stdio: 'pipe' });
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));

    const health = await waitForHealth(`http://127.0.0.1:${port}/health`, child, Date.now() + 120_000).catch(
      (error) => {
        throw new Error(`${error.message}\n--- output ---\n${output.slice(-4000)}`);
      },
    );
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
    expect(output).toContain('embedded Postgres');
    expect(output).toMatch(/admin admin@haven\.local created/);

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 180_000);
});

// Runs after the suite above, which built dist/ through npm start.
describe('the API process in production', () => {
  it('refuses to start with generated development secrets, naming the missing variables', () => {
    const result = spawnSync(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATABASE_URL: process.env.DATABASE_URL,
        HAVEN_DATA_DIR: mkdtempSync(join(tmpdir(), 'haven-prod-')),
      },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'haven api: Haven refuses to start in production with generated development secrets: set HAVEN_JWT_SECRET, HAVEN_PEPPER, HAVEN_SEAL_SEED, DATABASE_APP_URL.',
    );
  });
});
