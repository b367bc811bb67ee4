// `npm start`: one command that runs Haven on one machine. Builds if needed, finds or starts
// Postgres and Redis, applies migrations, then runs the API and the worker until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureBuilt } from './ensure-built.mjs';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';
import { findOrStartRedis } from './local-redis.mjs';

const root = new URL('..', import.meta.url).pathname;
const dataDir = resolve(root, process.env.HAVEN_DATA_DIR ?? '.data');
const env = { ...process.env, HAVEN_DATA_DIR: dataDir };
const stops = [];
const say = (line) => console.log(`haven: ${line}`);

async function main() {
  ensureBuilt();
  mkdirSync(dataDir, { recursive: true });
  if (!env.DATABASE_URL) {
    const postgres = await startEmbeddedPostgres(join(dataDir, 'postgres'), say);
    env.DATABASE_URL = postgres.url;
    stops.push(postgres.stop);
  }
  if (!env.REDIS_URL) {
    const redis = await findOrStartRedis(join(dataDir, 'redis'), say);
    env.REDIS_URL = redis.url;
    stops.push(redis.stop);
  }
  for (const command of ['migrate', 'schedules:sync']) {
    const result = spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), command], {
      env,
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status})`);
  }
  const children = ['api', 'worker'].map((app) =>
    spawn(process.execPath, [join(root, `dist/apps/${app}/src/main.js`)], { env, stdio: 'inherit' }),
  );
  say(`API on http://localhost:${env.PORT ?? 3000} (docs at /api/docs, health at /health); Ctrl-C stops everything`);

  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null)),
    );
    for (const stop of stops.reverse()) await stop().catch(() => {});
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stopAll(0));
  for (const child of children) child.once('exit', (code) => void stopAll(code ?? 1));
}

main().catch(async (error) => {
  console.error(`haven: cannot start: ${error.message}`);
  for (const stop of stops.reverse()) await stop().catch(() => {});
  process.exit(1);
});
