import type { MigrationInterface } from 'typeorm';
import { migrations } from '#haven/migrations';
import { createIsolatedDatabase, type IsolatedDatabase, testConfig, withPgClient } from '#haven/testing';
import { migrateDatabase } from './owner-data-source.js';

class PlantedFailure9999999999999 implements MigrationInterface {
  name = 'PlantedFailure9999999999999';
  async up(): Promise<void> {
    throw new Error('planted migration failure');
  }
  async down(): Promise<void> {}
}

function databasesNamed(pattern: string): Promise<string[]> {
  const url = new URL(testConfig().database.ownerUrl);
  url.pathname = '/postgres';
  return withPgClient(url.toString(), async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname`,
      [pattern],
    );
    return rows.map((row) => row.datname);
  });
}

const migrateAgain = ({ config }: IsolatedDatabase) =>
  migrateDatabase(config.database.ownerUrl, migrations, {
    name: config.database.appRole,
    password: config.database.appPassword,
  });

const runDatabase = () => new URL(testConfig().database.ownerUrl).pathname.slice(1);

describe('migrateDatabase on a shared cluster', () => {
  it('migrates six fresh databases at once, then re-runs them together: the cluster-wide app role never races', async () => {
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => createIsolatedDatabase('concurrent')));
    const created = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failures = results.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
    try {
      // Every start re-runs migrateDatabase, which sets the app role's password each time.
      for (let round = 0; round < 5; round++) {
        const reruns = await Promise.allSettled(created.map(migrateAgain));
        failures.push(...reruns.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : [])));
      }
    } finally {
      await Promise.all(created.map((database) => database.drop()));
    }
    expect(failures).toEqual([]);
    expect(created).toHaveLength(6);
  }, 120_000);

  it('drops the database again when one of its migrations fails', async () => {
    await expect(createIsolatedDatabase('failing', [...migrations, PlantedFailure9999999999999])).rejects.toThrow(
      'planted migration failure',
    );
    expect(await databasesNamed(`${runDatabase()}_failing_%`)).toEqual([]);
  }, 60_000);
});
