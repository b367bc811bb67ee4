import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '#haven/platform';

// Check and count in one step, inside Redis: between a separate GET and INCR, 30 concurrent
// requests all read "under the limit" and all went on to check a password.
// Returns 0 when a slot was taken, else the seconds until the window ends (at least 1).
const TAKE_SLOT = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used >= tonumber(ARGV[1]) then
  local ttl = redis.call('TTL', KEYS[1])
  if ttl < 1 then
    redis.call('EXPIRE', KEYS[1], ARGV[2], 'NX')
    ttl = tonumber(ARGV[2])
  end
  return ttl
end
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[2], 'NX')
return 0`;

// Gives a slot back only to a window that still exists: DECR on a missing key would start an
// endless window at -1.
const GIVE_BACK_SLOT = `
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then
  return redis.call('DECR', KEYS[1])
end
return 0`;

/**
 * Fixed-window counters in Redis: the window starts with the first slot taken and is not extended
 * by later ones. One key per counter, so each script touches one key (safe under Redis Cluster).
 */
@Injectable()
export class FixedWindowCounter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Takes a slot: 0 if one was free, else the seconds until the window ends. */
  async take(key: string, limit: number, windowSeconds: number): Promise<number> {
    return Number(await this.redis.eval(TAKE_SLOT, 1, key, limit, windowSeconds));
  }

  /** Returns a slot taken by `take` (a login that turned out to be right). */
  async giveBack(key: string): Promise<void> {
    await this.redis.eval(GIVE_BACK_SLOT, 1, key);
  }
}
