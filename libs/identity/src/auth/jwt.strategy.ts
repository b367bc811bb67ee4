import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { HavenConfig } from '#haven/platform';
import { IdentityErrorCode, IdentityException } from '../identity.errors.js';
import { SessionStore } from '../sessions/session-store.js';
import type { AccessTokenClaims } from './access-token.js';
import type { AuthenticatedAccount } from './authenticated-account.js';

/** A valid signature is not enough: the session must still be alive in Redis (logout, idle, password change). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: HavenConfig,
    private readonly sessions: SessionStore,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject: given a Buffer, jsonwebtoken first tries (and fails) to parse it as a public
      // key on every request, which cost a fifth of the API's CPU under load. passport-jwt passes
      // it through to jsonwebtoken untouched; only its type declaration lacks KeyObject.
      secretOrKey: createSecretKey(config.secrets.jwtSecret) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<AuthenticatedAccount> {
    const session = await this.sessions.touch(claims.sid, claims.sub);
    if (!session) throw new IdentityException(IdentityErrorCode.SESSION_EXPIRED);
    return {
      accountId: session.accountId,
      role: session.role,
      sessionId: session.sessionId,
      sessionSecret: Buffer.from(claims.sk, 'base64url'),
      wrappedVaultKey: session.wrappedVaultKey,
    };
  }
}
