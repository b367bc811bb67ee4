import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { HavenConfig, REDIS, RedisKeys } from '#haven/platform';
import { IdentityErrorCode, IdentityException } from '../identity.errors.js';
import { normalizeEmail } from '../accounts.repository.js';

/**
 * Counts failed logins per account and per IP in fixed windows. Only failures count, so a coach who
 * logs in correctly is never locked out by their own successes. (@nestjs/throttler counts every
 * request, which is why this small counter exists; see docs/decisions.md.)
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly config: HavenConfig,
  ) {}

  /** Throws 429 with Retry-After while the account or the IP has used up its failures. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const [accountKey, ipKey] = this.counterKeys(email, ip);
    const result = await this.redis.multi().get(accountKey).ttl(accountKey).get(ipKey).ttl(ipKey).exec();
    const [accountFailures, accountTtl, ipFailures, ipTtl] = (result ?? []).map(([, value]) => Number(value ?? 0));
    const { loginFailuresPerAccount, loginFailuresPerIp } = this.config.auth;
    const waits: number[] = [];
    if (accountFailures >= loginFailuresPerAccount) waits.push(accountTtl);
    if (ipFailures >= loginFailuresPerIp) waits.push(ipTtl);
    if (waits.length > 0) {
      const retryAfter = Math.max(1, ...waits);
      throw new IdentityException(
        IdentityErrorCode.TOO_MANY_ATTEMPTS,
        `Too many failed attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
        { 'Retry-After': String(retryAfter) },
      );
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const window = this.config.auth.loginThrottleWindowSeconds;
    const transaction = this.redis.multi();
    for (const key of this.counterKeys(email, ip)) {
      // NX: the window starts at the first failure and is not extended by later ones.
      transaction.incr(key).expire(key, window, 'NX');
    }
    await transaction.exec();
  }

  private counterKeys(email: string, ip: string): [string, string] {
    // Hashed so that Redis does not hold the email address typed at the login form.
    const emailDigest = createHash('sha256').update(normalizeEmail(email)).digest('hex');
    return [this.keys.key('login-failures', 'account', emailDigest), this.keys.key('login-failures', 'ip', ip)];
  }
}
