import { randomBytes } from 'node:crypto';
import type { AuthenticatedAccount, IdentityService } from '#haven/identity';

/** The claims of an access token this helper reads (identity's AccessTokenClaims, as far as needed). */
interface CallerClaims {
  sub: string;
  sid: string;
  sk: string;
}

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
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as CallerClaims;
  return {
    accountId: claims.sub,
    role: 'coach',
    loginSessionId: claims.sid,
    loginSessionSecret: Buffer.from(claims.sk, 'base64url'),
  };
}
