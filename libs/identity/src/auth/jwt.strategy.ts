import { createSecretKey } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { HavenConfig } from '#haven/platform';
import { describeError, IdentityErrorCode, IdentityException } from '../identity.errors.js';
import { LoginSessionStore } from '../login-sessions/login-session-store.js';
import { bearerTokenOf, parseAccessTokenClaims } from './access-token.js';
import type { AuthenticatedAccount } from './authenticated-account.js';

/** A valid signature is not enough: the login session must still be alive in Redis (logout, idle, password change). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly logger = new Logger(JwtStrategy.name);

  constructor(
    config: HavenConfig,
    private readonly loginSessions: LoginSessionStore,
  ) {
    super({
      jwtFromRequest: bearerTokenOf,
      // A KeyObject: given a Buffer, jsonwebtoken first tries (and fails) to parse it as a public
      // key on every request, which cost a fifth of the API's CPU under load. passport-jwt passes
      // it through to jsonwebtoken untouched; only its type declaration lacks KeyObject.
      secretOrKey: createSecretKey(config.secrets.jwtSecret) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: unknown): Promise<AuthenticatedAccount> {
    // Signed by us, but checked anyway: a token without `exp` or with a claim of the wrong type is a
    // 401, never a session that lives as long as Redis keeps it, nor a 500.
    const claims = parseAccessTokenClaims(payload);
    if (!claims) throw new IdentityException(IdentityErrorCode.SESSION_EXPIRED);
    const session = await this.loginSessions.touch(claims.sid, claims.sub).catch((error: unknown) => {
      // Redis down is an outage (503, logged), not a bad token.
      this.logger.error(`login sessions unreachable: ${describeError(error)}`);
      throw new IdentityException(IdentityErrorCode.LOGIN_SESSIONS_UNAVAILABLE);
    });
    if (!session) throw new IdentityException(IdentityErrorCode.SESSION_EXPIRED);
    return {
      accountId: session.accountId,
      role: session.role,
      loginSessionId: session.loginSessionId,
      loginSessionSecret: Buffer.from(claims.sk, 'base64url'),
      wrappedVaultKey: session.wrappedVaultKey,
    };
  }
}
