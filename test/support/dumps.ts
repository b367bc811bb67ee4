import { execFile } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { testConfig } from '#haven/testing';

const run = promisify(execFile);

/** Everything an attacker with a database backup holds: pg_dump of this run's database, as text. */
export async function dumpDatabase(): Promise<string> {
  const { stdout } = await run('pg_dump', ['--no-owner', '--dbname', testConfig().database.ownerUrl], {
    maxBuffer: 512 * 1024 * 1024,
  });
  return stdout;
}

/** Every value under this run's Redis prefix, read by type (DUMP may compress and hide a string). */
export async function dumpRedis(prefix = testConfig().redis.prefix): Promise<Map<string, string>> {
  const redis = new Redis(testConfig().redis.url);
  const values = new Map<string, string>();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) values.set(key, await readKey(redis, key));
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return values;
}

async function readKey(redis: Redis, key: string): Promise<string> {
  switch (await redis.type(key)) {
    case 'string':
      return (await redis.get(key)) ?? '';
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    case 'set':
      return JSON.stringify(await redis.smembers(key));
    case 'list':
      return JSON.stringify(await redis.lrange(key, 0, -1));
    case 'zset':
      return JSON.stringify(await redis.zrange(key, '0', '-1', 'WITHSCORES'));
    case 'stream':
      return JSON.stringify(await redis.xrange(key, '-', '+'));
    default:
      return '';
  }
}

/** This run's log file (LOG_FILE), as written so far. */
export function readLogs(): string {
  const file = process.env.LOG_FILE;
  return file && existsSync(file) ? readFileSync(file, 'utf8') : '';
}
