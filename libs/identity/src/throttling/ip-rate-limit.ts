import { Injectable } from '@nestjs/common';
import { HavenConfig, RedisKeys } from '#haven/platform';
import { FixedWindowCounter } from './fixed-window-counter.js';
import { tooManyAttempts } from './login-throttle.js';

export type IpLimitedAction = 'signup' | 'recovery';

/**
 * Per-IP limits on the unauthenticated routes that cost real work (password strength, bcrypt,
 * Argon2id), counted whatever the outcome: 429 with Retry-After beyond the limit. The IP honours
 * HAVEN_TRUSTED_PROXIES, as the login throttle's does.
 */
@Injectable()
export class IpRateLimit {
  constructor(
    private readonly counter: FixedWindowCounter,
    private readonly keys: RedisKeys,
    private readonly config: HavenConfig,
  ) {}

  async assertWithinLimit(action: IpLimitedAction, ip: string): Promise<void> {
    const { signupsPerIp, recoveriesPerIp, ipLimitWindowSeconds } = this.config.auth;
    const limit = action === 'signup' ? signupsPerIp : recoveriesPerIp;
    const wait = await this.counter.take(this.keys.key('ip-limit', action, ip), limit, ipLimitWindowSeconds);
    if (wait > 0) throw tooManyAttempts(wait);
  }
}
