import { IdentityService } from '#haven/identity';
import { coachCallerOf } from '#haven/testing';
import type { TestApi } from './test-api.js';

export { claimsOf } from '#haven/testing';

/** The vault key the coach's session holds, read the way the API reads it. */
export async function vaultKeyOf(api: TestApi, token: string): Promise<Uint8Array> {
  return api.app.get(IdentityService).vaultKeyOf(coachCallerOf(token));
}
