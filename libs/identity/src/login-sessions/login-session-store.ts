import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { newSessionSecret, unwrapVaultKeyFromSession, wrapVaultKeyForSession } from '#haven/crypto';
import { HavenConfig, REDIS, RedisKeys, type Role } from '#haven/platform';

/** What Redis holds for a login session: ids, role and times, plus the vault key wrapped under its secret. */
interface StoredLoginSession {
  accountId: string;
  role: Role;
  wrappedVaultKey: string | null;
  absoluteExpiresAt: number;
}

export interface OpenedLoginSession {
  loginSessionId: string;
  loginSessionSecret: Uint8Array;
}

export interface ActiveLoginSession {
  loginSessionId: string;
  accountId: string;
  role: Role;
  /** Still wrapped under the session secret: only the token's holder can unwrap it. */
  wrappedVaultKey: string | null;
}

/**
 * Login sessions (not coaching sessions) live in Redis with an idle expiry (refreshed by each request) capped by an absolute one.
 * The session secret is never stored: it travels only inside the access token, so a Redis dump
 * (even with a database dump) cannot unwrap the vault key.
 */
@Injectable()
export class LoginSessionStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly config: HavenConfig,
  ) {}

  async open(accountId: string, role: Role, vaultKey: Uint8Array | null): Promise<OpenedLoginSession> {
    const loginSessionId = randomUUID();
    const loginSessionSecret = await newSessionSecret();
    const stored: StoredLoginSession = {
      accountId,
      role,
      wrappedVaultKey: vaultKey
        ? await wrapVaultKeyForSession(vaultKey, loginSessionSecret, loginSessionId, accountId)
        : null,
      absoluteExpiresAt: Date.now() + this.config.auth.sessionAbsoluteSeconds * 1000,
    };
    const index = this.accountIndexKey(accountId);
    await this.redis
      .multi()
      .set(this.sessionKey(loginSessionId), JSON.stringify(stored), 'EX', this.config.auth.sessionIdleSeconds)
      .sadd(index, loginSessionId)
      .expire(index, this.config.auth.sessionAbsoluteSeconds)
      .exec();
    return { loginSessionId, loginSessionSecret };
  }

  /**
   * Returns the live session and slides its idle expiry in the same round trip (GETEX), or null
   * when it ended or expired. The absolute expiry is checked here on every request, so a TTL that
   * outlives it by up to the idle window never lets the session through.
   */
  async touch(loginSessionId: string, accountId: string): Promise<ActiveLoginSession | null> {
    const raw = await this.redis.getex(
      this.sessionKey(loginSessionId),
      'PX',
      this.config.auth.sessionIdleSeconds * 1000,
    );
    const stored = raw ? (JSON.parse(raw) as StoredLoginSession) : null;
    if (!stored || stored.accountId !== accountId) return null;
    if (stored.absoluteExpiresAt <= Date.now()) {
      await this.end(loginSessionId, accountId);
      return null;
    }
    return { loginSessionId, accountId, role: stored.role, wrappedVaultKey: stored.wrappedVaultKey };
  }

  /** The coach's vault key, unwrapped with the secret from their token (read from Redis unless given). */
  async vaultKey(
    loginSessionId: string,
    accountId: string,
    loginSessionSecret: Uint8Array,
    wrappedVaultKey?: string | null,
  ): Promise<Uint8Array | null> {
    const wrapped = wrappedVaultKey ?? (await this.read(loginSessionId))?.wrappedVaultKey;
    if (!wrapped) return null;
    // The associated data binds the wrap to this session and account: a wrap from elsewhere fails.
    return unwrapVaultKeyFromSession(wrapped, loginSessionSecret, loginSessionId, accountId);
  }

  async end(loginSessionId: string, accountId: string): Promise<void> {
    await this.redis
      .multi()
      .del(this.sessionKey(loginSessionId))
      .srem(this.accountIndexKey(accountId), loginSessionId)
      .exec();
  }

  /** Ends every session of the account except `keep` (password change, recovery). */
  async endAllExcept(accountId: string, keep: string | null): Promise<void> {
    const index = this.accountIndexKey(accountId);
    const loginSessionIds = (await this.redis.smembers(index)).filter((id) => id !== keep);
    if (loginSessionIds.length === 0) return;
    await this.redis
      .multi()
      .del(...loginSessionIds.map((id) => this.sessionKey(id)))
      .srem(index, ...loginSessionIds)
      .exec();
  }

  private async read(loginSessionId: string): Promise<StoredLoginSession | null> {
    const raw = await this.redis.get(this.sessionKey(loginSessionId));
    return raw ? (JSON.parse(raw) as StoredLoginSession) : null;
  }

  // The Redis key names predate the rename to "login session": renaming them would log everyone out.
  private sessionKey(loginSessionId: string): string {
    return this.keys.key('session', loginSessionId);
  }

  private accountIndexKey(accountId: string): string {
    return this.keys.key('account-sessions', accountId);
  }
}
