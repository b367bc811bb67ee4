import { IdentityService } from '#haven/identity';
import type { TestApi } from './test-api.js';

/** The claims of an access token: account id, session id and the session secret. */
export function claimsOf(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
    sub: string;
    sid: string;
    sk: string;
  };
}

/** The vault key the coach's session holds, read the way the API reads it. */
export async function vaultKeyOf(api: TestApi, token: string): Promise<Uint8Array> {
  const claims = claimsOf(token);
  return api.app.get(IdentityService).vaultKeyOf({
    accountId: claims.sub,
    role: 'coach',
    loginSessionId: claims.sid,
    loginSessionSecret: Buffer.from(claims.sk, 'base64url'),
  });
}
