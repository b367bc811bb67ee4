// Runs once before all suites (plain JS: Jest loads global setup outside its ESM transform).
// A fresh Postgres database, a fresh Redis key prefix and a fresh data folder (dev secrets, log
// file, mail outbox) for this run, so runs never share state; workers inherit the environment set here.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareTestDatabase } from './test-database.mjs';

export default async function globalSetup() {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const dataDir = join(tmpdir(), `haven-test-${runId}`);
  mkdirSync(dataDir, { recursive: true });
  Object.assign(process.env, {
    NODE_ENV: 'test',
    HAVEN_TEST_RUN_ID: runId,
    HAVEN_DATA_DIR: dataDir,
    LOG_FILE: join(dataDir, 'haven.log'),
    // The .eml files the worker writes when SMTP_URL is unset (test/support/mail.ts reads them).
    MAIL_OUTBOX_DIR: join(dataDir, 'outbox'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    REDIS_PREFIX: `haven-test-${runId}`,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    // Every suite signs coaches up from 127.0.0.1; the per-IP limits are tested with their own prefix.
    HAVEN_SIGNUPS_PER_IP: '100000',
    HAVEN_RECOVERIES_PER_IP: '100000',
    // Suites (and the fuzz) try unknown signing tokens from 127.0.0.1 too; releases-throttle sets the real limit.
    HAVEN_SIGNING_FAILURES_PER_IP: '100000',
  });
  await prepareTestDatabase(runId);
}
