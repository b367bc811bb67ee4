import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { HavenConfig, RedisKeys } from '#haven/platform';
import { normalizeEmail } from '../accounts.repository.js';
import { IdentityErrorCode, IdentityException } from '../identity.errors.js';
import { FixedWindowCounter } from './fixed-window-counter.js';

/** A guess that was allowed: its slots are given back if it turns out to be right. */
export interface LoginAttempt {
  succeeded(): Promise<void>;
}

/**
 * At most N password (or recovery-key) checks per account and M per IP in a fixed window. The slot
 * is taken atomically before the check, so concurrent guesses cannot all slip in; a right guess
 * gives its slots back, so only failures count and a coach is never locked out by their own
 * successes. (@nestjs/throttler counts every request; see docs/decisions.md.)
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly counter: FixedWindowCounter,
    private readonly keys: RedisKeys,
    private readonly config: HavenConfig,
  ) {}

  /** Takes one slot for the account and one for the IP, or throws 429 with Retry-After. */
  async beginAttempt(email: string, ip: string): Promise<LoginAttempt> {
    const { loginFailuresPerAccount, loginFailuresPerIp, loginThrottleWindowSeconds: window } = this.config.auth;
    const [accountKey, ipKey] = this.counterKeys(email, ip);
    const accountWait = await this.counter.take(accountKey, loginFailuresPerAccount, window);
    if (accountWait > 0) throw tooManyAttempts(accountWait);
    const ipWait = await this.counter.take(ipKey, loginFailuresPerIp, window);
    if (ipWait > 0) {
      await this.counter.giveBack(accountKey);
      throw tooManyAttempts(ipWait);
    }
    return {
      succeeded: async () => {
        await Promise.all([this.counter.giveBack(accountKey), this.counter.giveBack(ipKey)]);
      },
    };
  }

  private counterKeys(email: string, ip: string): [string, string] {
    // Hashed so that Redis does not hold the email address typed at the login form.
    const emailDigest = createHash('sha256').update(normalizeEmail(email)).digest('hex');
    return [this.keys.key('login-failures', 'account', emailDigest), this.keys.key('login-failures', 'ip', ip)];
  }
}

export function tooManyAttempts(retryAfterSeconds: number): IdentityException {
  return new IdentityException(
    IdentityErrorCode.TOO_MANY_ATTEMPTS,
    `Too many attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
    { 'Retry-After': String(retryAfterSeconds) },
  );
}
