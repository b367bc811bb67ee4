import { randomBytes } from 'node:crypto';
import type { AuthenticatedAccount, IdentityService } from '#haven/identity';

/** The claims of an access token a test reads (identity's AccessTokenClaims, as far as needed). */
interface TestTokenClaims {
  sub: string;
  sid: string;
  sk: string;
}

/** The claims of an access token, read without checking its signature: a test reading its own token. */
export function claimsOf(accessToken: string): TestTokenClaims {
  return JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as TestTokenClaims;
}

/** The caller a request with this coach's access token carries. */
export function coachCallerOf(accessToken: string): AuthenticatedAccount {
  const claims = claimsOf(accessToken);
  return {
    accountId: claims.sub,
    role: 'coach',
    loginSessionId: claims.sid,
    loginSessionSecret: Buffer.from(claims.sk, 'base64url'),
  };
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
  return coachCallerOf(accessToken);
}
