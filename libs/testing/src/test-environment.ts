import { loadConfig, migrateDatabase, type HavenConfig } from '#haven/platform';
import { migrations } from '#haven/migrations';

/** Refuses to touch a database whose name lacks "test": tests never run against real data. */
export function testConfig(): HavenConfig {
  const config = loadConfig();
  const database = new URL(config.database.ownerUrl).pathname.slice(1);
  if (!database.includes('test')) {
    throw new Error(`refusing to run tests against database "${database}": its name must contain "test"`);
  }
  return config;
}

let migrated: Promise<unknown> | undefined;

/** Applies migrations to this run's database once per test worker (an advisory lock orders workers). */
export function migrateTestDatabase(config: HavenConfig = testConfig()): Promise<unknown> {
  migrated ??= migrateDatabase(config.database.ownerUrl, migrations, {
    name: config.database.appRole,
    password: config.database.appPassword,
  });
  return migrated;
}
