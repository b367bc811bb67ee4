// A database per test run, named haven_test_<run>. The admin connection defaults to the local
// trust-auth superuser; TEST_DATABASE_ADMIN_URL overrides it.
import pg from 'pg';

export const adminUrl = () => process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function prepareTestDatabase(runId) {
  const name = `haven_test_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.HAVEN_TEST_DATABASE = name;
}

export async function dropTestDatabase() {
  const name = process.env.HAVEN_TEST_DATABASE;
  if (!name || !name.includes('test')) return;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
