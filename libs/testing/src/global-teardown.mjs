import { Redis } from 'ioredis';
import { dropTestDatabase } from './test-database.mjs';

/** Drops this run's database and deletes every Redis key under this run's prefix. */
export default async function globalTeardown() {
  await dropTestDatabase();
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
