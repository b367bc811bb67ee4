import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { dropTestDatabase } from './test-database.mjs';

/**
 * Drops this run's database, deletes this run's mail outbox folder (the .eml files are the mail,
 * plaintext by nature) and every Redis key under this run's prefix.
 */
export default async function globalTeardown() {
  await dropTestDatabase();
  removeRunOutbox(process.env.MAIL_OUTBOX_DIR);
  const prefix = process.env.REDIS_PREFIX;
  if (!prefix?.startsWith('haven-test-')) return;
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Only the folder global setup made: `<tmp>/haven-test-<run>/outbox`. */
function removeRunOutbox(outboxDir) {
  if (!outboxDir) return;
  const dir = resolve(outboxDir);
  const runDir = dirname(dir);
  if (
    basename(dir) !== 'outbox' ||
    dirname(runDir) !== resolve(tmpdir()) ||
    !basename(runDir).startsWith('haven-test-')
  )
    return;
  rmSync(dir, { recursive: true, force: true });
}
