import pg from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';

type MigrationClass = new () => MigrationInterface;

/** A connection as the owner role, for migrations and provisioning only: never serves requests. */
export function createOwnerDataSource(ownerUrl: string, migrations: MigrationClass[]): DataSource {
  return new DataSource({
    type: 'postgres',
    url: ownerUrl,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: 2, application_name: 'haven-migrate' },
  });
}

/**
 * Applies pending migrations under an advisory lock, so concurrent starters (API, worker, test
 * workers) never race, then lets the app role log in with its password.
 */
export async function migrateDatabase(
  ownerUrl: string,
  migrations: MigrationClass[],
  appRole: { name: string; password: string },
): Promise<string[]> {
  const releaseClusterLock = await lockClusterRoles(ownerUrl);
  const dataSource = createOwnerDataSource(ownerUrl, migrations);
  try {
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.query(`SELECT pg_advisory_lock(hashtext('haven-migrations'))`);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      // Roles are cluster-wide; the password is a secret, so it is set here and not in a migration.
      await runner.query(`ALTER ROLE "${appRole.name}" LOGIN PASSWORD '${appRole.password.replace(/'/g, "''")}'`);
      await runner.query(`SELECT pg_advisory_unlock(hashtext('haven-migrations'))`);
      return applied.map((migration) => migration.name);
    } finally {
      await runner.release();
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await releaseClusterLock();
  }
}

/**
 * Advisory locks hold per database, but the app role (created by the first migration, its password
 * set after them) is cluster-wide: two databases migrating at once failed with "tuple concurrently
 * updated" on ALTER ROLE. A lock taken in the maintenance database `postgres` orders every Haven
 * migration on the cluster. Without that database (or the right to connect to it) only the
 * per-database lock remains, which is enough for one Haven database per cluster.
 */
async function lockClusterRoles(ownerUrl: string): Promise<() => Promise<void>> {
  const url = new URL(ownerUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString(), application_name: 'haven-migrate-lock' });
  // A dropped lock connection must not crash the process; the lock is simply gone with it.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(`SELECT pg_advisory_lock(hashtext('haven-cluster-roles'))`);
  } catch (error) {
    await client.end().catch(() => {});
    if (isMissingMaintenanceDatabase(error)) return async () => {};
    throw error;
  }
  // Ending the session releases its advisory locks.
  return () => client.end().catch(() => {});
}

// 3D000: no database "postgres"; 42501: no CONNECT privilege on it.
function isMissingMaintenanceDatabase(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '3D000' || code === '42501';
}
