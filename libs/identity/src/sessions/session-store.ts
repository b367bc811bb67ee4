import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { newSessionSecret, unwrapVaultKeyFromSession, wrapVaultKeyForSession } from '#haven/crypto';
import { HavenConfig, REDIS, RedisKeys, type Role } from '#haven/platform';

/** What Redis holds for a session: ids, role and times, plus the vault key wrapped under the session secret. */
interface StoredSession {
  accountId: string;
  role: Role;
  wrappedVaultKey: string | null;
  absoluteExpiresAt: number;
}

export interface OpenedSession {
  sessionId: string;
  sessionSecret: Uint8Array;
}

export interface ActiveSession {
  sessionId: string;
  accountId: string;
  role: Role;
  /** Still wrapped under the session secret: only the token's holder can unwrap it. */
  wrappedVaultKey: string | null;
}

/**
 * Sessions live in Redis with an idle expiry (refreshed by each request) capped by an absolute one.
 * The session secret is never stored: it travels only inside the access token, so a Redis dump
 * (even with a database dump) cannot unwrap the vault key.
 */
@Injectable()
export class SessionStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly config: HavenConfig,
  ) {}

  async open(accountId: string, role: Role, vaultKey: Uint8Array | null): Promise<OpenedSession> {
    const sessionId = randomUUID();
    const sessionSecret = await newSessionSecret();
    const stored: StoredSession = {
      accountId,
      role,
      wrappedVaultKey: vaultKey ? await wrapVaultKeyForSession(vaultKey, sessionSecret, sessionId, accountId) : null,
      absoluteExpiresAt: Date.now() + this.config.auth.sessionAbsoluteSeconds * 1000,
    };
    const index = this.accountIndexKey(accountId);
    await this.redis
      .multi()
      .set(this.sessionKey(sessionId), JSON.stringify(stored), 'EX', this.config.auth.sessionIdleSeconds)
      .sadd(index, sessionId)
      .expire(index, this.config.auth.sessionAbsoluteSeconds)
      .exec();
    return { sessionId, sessionSecret };
  }

  /**
   * Returns the live session and slides its idle expiry in the same round trip (GETEX), or null
   * when it ended or expired. The absolute expiry is checked here on every request, so a TTL that
   * outlives it by up to the idle window never lets the session through.
   */
  async touch(sessionId: string, accountId: string): Promise<ActiveSession | null> {
    const raw = await this.redis.getex(this.sessionKey(sessionId), 'PX', this.config.auth.sessionIdleSeconds * 1000);
    const stored = raw ? (JSON.parse(raw) as StoredSession) : null;
    if (!stored || stored.accountId !== accountId) return null;
    if (stored.absoluteExpiresAt <= Date.now()) {
      await this.end(sessionId, accountId);
      return null;
    }
    return { sessionId, accountId, role: stored.role, wrappedVaultKey: stored.wrappedVaultKey };
  }

  /** The coach's vault key, unwrapped with the secret from their token (read from Redis unless given). */
  async vaultKey(
    sessionId: string,
    accountId: string,
    sessionSecret: Uint8Array,
    wrappedVaultKey?: string | null,
  ): Promise<Uint8Array | null> {
    const wrapped = wrappedVaultKey ?? (await this.read(sessionId))?.wrappedVaultKey;
    if (!wrapped) return null;
    // The associated data binds the wrap to this session and account: a wrap from elsewhere fails.
    return unwrapVaultKeyFromSession(wrapped, sessionSecret, sessionId, accountId);
  }

  async end(sessionId: string, accountId: string): Promise<void> {
    await this.redis.multi().del(this.sessionKey(sessionId)).srem(this.accountIndexKey(accountId), sessionId).exec();
  }

  /** Ends every session of the account except `keep` (password change, recovery). */
  async endAllExcept(accountId: string, keep: string | null): Promise<void> {
    const index = this.accountIndexKey(accountId);
    const sessionIds = (await this.redis.smembers(index)).filter((id) => id !== keep);
    if (sessionIds.length === 0) return;
    await this.redis
      .multi()
      .del(...sessionIds.map((id) => this.sessionKey(id)))
      .srem(index, ...sessionIds)
      .exec();
  }

  private async read(sessionId: string): Promise<StoredSession | null> {
    const raw = await this.redis.get(this.sessionKey(sessionId));
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  }

  private sessionKey(sessionId: string): string {
    return this.keys.key('session', sessionId);
  }

  private accountIndexKey(accountId: string): string {
    return this.keys.key('account-sessions', accountId);
  }
}
