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
  const dataSource = createOwnerDataSource(ownerUrl, migrations);
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
    await dataSource.destroy();
  }
}
