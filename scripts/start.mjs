// `npm start`: one command that runs Haven on one machine. Builds if needed, finds or starts
// Postgres and Redis, applies migrations, then runs the API and the worker until Ctrl-C.
// Every way it can fail ends in one sentence and a non-zero exit, never a stack trace.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-built.mjs';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';
import { findOrStartRedis } from './local-redis.mjs';
import { StartError } from './start-error.mjs';

// The exit status with which Haven's processes say "the configuration cannot run me" after printing
// the sentence (EX_CONFIG in sysexits.h; CONFIG_EXIT_CODE in libs/platform, which a script cannot import before
// the build): `npm start` adds nothing to it.
const CONFIG_EXIT = 78;

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = resolve(root, process.env.HAVEN_DATA_DIR ?? '.data');
const env = { ...process.env, HAVEN_DATA_DIR: dataDir };
const stops = []; // what this start brought up, stopped in reverse order
const children = new Map(); // running Haven process (a CLI step, or the API and the worker) -> its exit
const say = (line) => console.log(`haven: ${line}`);
let stopping = false;

function runHaven(app, args = []) {
  const child = spawn(process.execPath, [join(root, `dist/apps/${app}/src/main.js`), ...args], {
    env,
    stdio: 'inherit',
  });
  const exited = new Promise((resolveExit) => {
    child.once('error', (error) => resolveExit({ code: 1, reason: error.message }));
    child.once('exit', (code, signal) => resolveExit({ code, signal }));
  });
  children.set(child, exited);
  void exited.then(() => children.delete(child));
  return exited;
}

async function stopAll(code, sentence) {
  if (stopping) return;
  stopping = true;
  if (sentence) console.error(`haven: ${sentence}`);
  const exits = [...children.values()];
  for (const child of children.keys()) child.kill('SIGTERM');
  await Promise.all(exits);
  for (const stop of stops.reverse()) await stop().catch(() => {});
  process.exit(code);
}

// The API, the worker and the CLI print their own sentence before exiting with CONFIG_EXIT.
function failureOf(step, { code, signal, reason }) {
  if (code === CONFIG_EXIT) return { code, sentence: undefined };
  const how = reason ?? (signal ? `was killed by ${signal}` : `exited with ${code}`);
  return { code: code || 1, sentence: `${step} ${how}; its output is above. Haven is stopped.` };
}

async function main() {
  ensureBuilt();
  mkdirSync(dataDir, { recursive: true });
  if (!env.DATABASE_URL) {
    // Registered as soon as the server runs: a Ctrl-C while it starts must stop it too.
    const postgres = await startEmbeddedPostgres(dataDir, say, (stop) => stops.push(stop));
    env.DATABASE_URL = postgres.url;
    postgres.onCrash((sentence) => void stopAll(1, `${sentence}. Haven is stopped.`));
  }
  if (!env.REDIS_URL) {
    const redis = await findOrStartRedis(join(dataDir, 'redis'), say, (stop) => stops.push(stop));
    env.REDIS_URL = redis.url;
  }
  for (const command of ['migrate', 'schedules:sync']) {
    const exit = await runHaven('cli', [command]);
    if (stopping) return;
    if (exit.code !== 0) {
      const failure = failureOf(command, exit);
      return stopAll(failure.code, failure.sentence);
    }
  }
  for (const app of ['api', 'worker']) {
    void runHaven(app).then((exit) => {
      const failure = failureOf(`the ${app}`, exit);
      return stopAll(failure.code, failure.sentence);
    });
  }
  say(`API on http://localhost:${env.PORT ?? 3000} (docs at /api/docs, health at /health); Ctrl-C stops everything`);
}

// A second Ctrl-C does not wait for the API and the worker; Postgres and Redis are still stopped.
const onSignal = () => (stopping ? [...children.keys()].forEach((child) => child.kill('SIGKILL')) : void stopAll(0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, onSignal);
const fail = (error) =>
  void stopAll(1, `cannot start: ${error instanceof StartError ? error.message : (error?.message ?? error)}`);
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
main().catch(fail);
