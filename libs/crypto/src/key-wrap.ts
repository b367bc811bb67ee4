import { decrypt, encrypt, type AeadContext } from './aead.js';
import { DecryptionError } from './crypto.errors.js';
import { parseEncString } from './enc-string.js';

const WRAPPED_KEY_BYTES = 32;

/**
 * Wraps a 32-byte key under a key-encryption key: an `encrypt` of the raw key bytes, so the
 * result is an EncString bound to `ctx` (e.g. purpose 'vault-key', the row that stores it).
 */
export async function wrapKey(kek: Uint8Array, kekId: string, key: Uint8Array, ctx: AeadContext): Promise<string> {
  if (key?.length !== WRAPPED_KEY_BYTES) throw new RangeError(`a wrapped key must be ${WRAPPED_KEY_BYTES} bytes`);
  return encrypt(kek, kekId, key, ctx);
}

/** Inverse of wrapKey. DecryptionError on a wrong KEK, tampering, another ctx, or a non-32-byte result. */
export async function unwrapKey(kek: Uint8Array, wrapped: string, ctx: AeadContext): Promise<Uint8Array> {
  const key = await decrypt(kek, wrapped, ctx);
  if (key.length !== WRAPPED_KEY_BYTES) {
    const { keyId } = parseEncString(wrapped);
    throw new DecryptionError({ keyId, purpose: ctx.purpose, rowId: ctx.rowId }, 'unwrapped key is not 32 bytes');
  }
  return key;
}
