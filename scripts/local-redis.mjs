// Redis for `npm start` without REDIS_URL: the local default port if it answers, else a
// redis-server from PATH with its data under .data/redis, else a sentence saying how to get one.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { StartError } from './start-error.mjs';

const DEFAULT_URL = 'redis://127.0.0.1:6379';
const OWN_PORT = Number(process.env.HAVEN_EMBEDDED_REDIS_PORT ?? 6390);

function answersPing(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

export async function findOrStartRedis(dir, say, registerStop) {
  if (await answersPing(6379)) {
    say(`using Redis at ${DEFAULT_URL}`);
    return { url: DEFAULT_URL };
  }
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new StartError(
      'Haven needs Redis and none answers on 127.0.0.1:6379. Install it (Debian/Ubuntu: apt-get install redis-server; ' +
        'macOS: brew install redis) or set REDIS_URL=redis://host:port.',
    );
  }
  mkdirSync(dir, { recursive: true });
  // Its own process group: Ctrl-C reaches the API and worker first, and Redis stops after them.
  const server = spawn(
    'redis-server',
    ['--port', String(OWN_PORT), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes'],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let log = '';
  server.stdout.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
  server.stderr.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
  const exited = new Promise((resolve) => {
    server.once('error', resolve);
    server.once('exit', resolve);
  });
  let gone = false;
  void exited.then(() => (gone = true));
  const stop = async () => {
    if (!gone) server.kill('SIGTERM');
    await exited;
  };
  registerStop(stop);
  for (let attempt = 0; attempt < 50 && !gone && !(await answersPing(OWN_PORT)); attempt++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (gone || !(await answersPing(OWN_PORT))) {
    await stop();
    const lastLine = log.trim().split('\n').pop() || 'no output';
    throw new StartError(
      `redis-server did not start on 127.0.0.1:${OWN_PORT} (${lastLine}); set HAVEN_EMBEDDED_REDIS_PORT to a free port or REDIS_URL to a running Redis.`,
    );
  }
  say(`started redis-server on 127.0.0.1:${OWN_PORT} (data in ${dir})`);
  return { url: `redis://127.0.0.1:${OWN_PORT}` };
}
