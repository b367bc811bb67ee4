// Runs once before all suites (plain JS: Jest loads global setup outside its ESM transform).
// A fresh Postgres database and a fresh Redis key prefix for this run, so runs never share state;
// workers inherit the environment set here.
import { randomBytes } from 'node:crypto';
import { prepareTestDatabase } from './test-database.mjs';

export default async function globalSetup() {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  process.env.HAVEN_TEST_RUN_ID = runId;
  process.env.REDIS_PREFIX = `haven-test-${runId}`;
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  await prepareTestDatabase(runId);
}
