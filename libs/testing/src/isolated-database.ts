import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { loadConfig, migrateDatabase, type HavenConfig } from '#haven/platform';
import { migrations as havenMigrations } from '#haven/migrations';
import { withPgClient } from './pg-clients.js';
import { testConfig } from './test-environment.js';

export interface IsolatedDatabase {
  config: HavenConfig;
  drop(): Promise<void>;
}

/**
 * A migrated database of its own, for a suite that must break things (tamper with the audit
 * chain, say) without disturbing the suites that share this run's database. A migration that
 * fails drops the database again, so a failed run leaves nothing on the server.
 */
export async function createIsolatedDatabase(label: string, migrations = havenMigrations): Promise<IsolatedDatabase> {
  const shared = testConfig();
  const ownerUrl = new URL(shared.database.ownerUrl);
  const name = `${ownerUrl.pathname.slice(1)}_${label}_${randomBytes(3).toString('hex')}`;
  await withServerClient(shared, (client) => client.query(`CREATE DATABASE "${name}"`));
  ownerUrl.pathname = `/${name}`;
  const config = loadConfig({ ...process.env, DATABASE_URL: ownerUrl.toString() });
  const drop = () =>
    withServerClient(shared, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {});
  try {
    await migrateDatabase(config.database.ownerUrl, migrations, {
      name: config.database.appRole,
      password: config.database.appPassword,
    });
  } catch (error) {
    await drop();
    throw error;
  }
  return { config, drop };
}

function withServerClient<T>(config: HavenConfig, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(config.database.ownerUrl);
  url.pathname = '/postgres';
  return withPgClient(url.toString(), work);
}
