import { Injectable } from '@nestjs/common';
import { FixedWindowCounter, tooManyAttempts } from '#haven/identity';
import { HavenConfig, RedisKeys } from '#haven/platform';

/** A request on a signing link that was let through; `matched` gives its slot back. */
export interface SigningLinkAttempt {
  matched(): Promise<void>;
}

/**
 * Token guessing on the public release routes: at most N requests per client IP per window whose
 * token matches no live link (429 TOO_MANY_ATTEMPTS with Retry-After beyond). The slot is taken
 * atomically before the lookup, so 40 concurrent guesses cannot all slip in; a token that matches
 * gives it back, so a signer behind a clinic's NAT, reading, signing and downloading, never uses up
 * the limit, however many requests their link makes. The IP honours HAVEN_TRUSTED_PROXIES.
 */
@Injectable()
export class SigningLinkThrottle {
  constructor(
    private readonly counter: FixedWindowCounter,
    private readonly keys: RedisKeys,
    private readonly config: HavenConfig,
  ) {}

  async begin(ip: string): Promise<SigningLinkAttempt> {
    const { signingFailuresPerIp, signingWindowSeconds } = this.config.releases;
    const key = this.keys.key('signing-link-failures', 'ip', ip);
    const wait = await this.counter.take(key, signingFailuresPerIp, signingWindowSeconds);
    if (wait > 0) throw tooManyAttempts(wait);
    return { matched: () => this.counter.giveBack(key) };
  }
}
