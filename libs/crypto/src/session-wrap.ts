import { generateKey, type AeadContext } from './aead.js';
import { unwrapKey, wrapKey } from './key-wrap.js';

const SESSION_KEY_ID = 'ss1';

/** A new 32-byte session secret. It travels only inside the access token, never to Redis or Postgres. */
export async function newSessionSecret(): Promise<Uint8Array> {
  return generateKey();
}

/**
 * The vault key as Redis keeps it: wrapped under the session secret, bound to the session and the
 * coach (purpose 'session-vault-key', rowId sessionId, ownerId accountId), so a Redis dump alone
 * decrypts nothing and a wrap cannot be replayed into another session.
 */
export async function wrapVaultKeyForSession(
  vaultKey: Uint8Array,
  sessionSecret: Uint8Array,
  sessionId: string,
  accountId: string,
): Promise<string> {
  return wrapKey(sessionSecret, SESSION_KEY_ID, vaultKey, sessionContext(sessionId, accountId));
}

/** Inverse of wrapVaultKeyForSession; DecryptionError for another secret, session or account. */
export async function unwrapVaultKeyFromSession(
  wrapped: string,
  sessionSecret: Uint8Array,
  sessionId: string,
  accountId: string,
): Promise<Uint8Array> {
  return unwrapKey(sessionSecret, wrapped, sessionContext(sessionId, accountId));
}

function sessionContext(sessionId: string, accountId: string): AeadContext {
  return { purpose: 'session-vault-key', rowId: sessionId, ownerId: accountId };
}
