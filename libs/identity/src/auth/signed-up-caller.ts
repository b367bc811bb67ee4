import { randomBytes } from 'node:crypto';
import type { IdentityService } from '../identity.service.js';
import type { AccessTokenClaims } from './access-token.js';
import type { AuthenticatedAccount } from './authenticated-account.js';

/**
 * A new coach, signed up and logged in through the real service, as the caller a request with
 * their token would carry. For integration specs of the libraries built on identity, which call
 * services directly, without HTTP.
 */
export async function signUpCoachAsCaller(identity: IdentityService): Promise<AuthenticatedAccount> {
  const email = `int-${randomBytes(5).toString('hex')}@example.test`;
  const password = `Haven-${randomBytes(12).toString('base64url')}-pass`;
  await identity.signupCoach({ email, password, displayName: 'Int Coach' });
  const { accessToken } = await identity.login({ email, password }, '127.0.0.1');
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as AccessTokenClaims;
  return {
    accountId: claims.sub,
    role: 'coach',
    loginSessionId: claims.sid,
    loginSessionSecret: Buffer.from(claims.sk, 'base64url'),
  };
}
