import { DecryptionError } from './crypto.errors.js';
import { formatEncString, isValidKeyId, parseEncString } from './enc-string.js';
import { toSodiumBytes } from './encoding.js';
import { getSodium } from './sodium.js';
import { randomBytesFor } from './random.js';

const KEY_BYTES = 32;
const NONCE_BYTES = 24;

/**
 * What a ciphertext belongs to. It becomes the associated data `<purpose>|v1|<rowId>|<ownerId>`,
 * so a ciphertext copied to another row, owner or purpose fails to decrypt. No field may be empty
 * or contain `|` (that would make two different contexts produce the same associated data).
 */
export interface AeadContext {
  purpose: string;
  rowId: string;
  ownerId: string;
}

/** A fresh random 32-byte key for XChaCha20-Poly1305. */
export async function generateKey(): Promise<Uint8Array> {
  return randomBytesFor(KEY_BYTES);
}

/**
 * XChaCha20-Poly1305 IETF with a fresh random 24-byte nonce. Strings are encoded as UTF-8.
 * Returns the EncString `v1.<keyId>.<nonce>.<ciphertext>`.
 */
export async function encrypt(
  key: Uint8Array,
  keyId: string,
  plaintext: Uint8Array | string,
  ctx: AeadContext,
): Promise<string> {
  assertKey(key);
  if (!isValidKeyId(keyId)) throw new RangeError('key id must match /^[A-Za-z0-9_-]{1,64}$/');
  const sodium = await getSodium();
  const nonce = randomBytesFor(NONCE_BYTES);
  const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    typeof plaintext === 'string' ? plaintext : toSodiumBytes(plaintext),
    associatedData(ctx),
    null,
    nonce,
    toSodiumBytes(key),
  );
  return formatEncString(keyId, nonce, ciphertext);
}

/** Opens an EncString made by `encrypt` for the same context. Throws DecryptionError otherwise. */
export async function decrypt(key: Uint8Array, encString: string, ctx: AeadContext): Promise<Uint8Array> {
  assertKey(key);
  const ad = associatedData(ctx);
  const parsed = parseInContext(encString, ctx);
  const sodium = await getSodium();
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      parsed.ciphertext,
      ad,
      parsed.nonce,
      toSodiumBytes(key),
    );
  } catch {
    // libsodium's own message is generic; ours says which row and key, and no cause is kept.
    throw new DecryptionError(
      { keyId: parsed.keyId, purpose: ctx.purpose, rowId: ctx.rowId },
      'authentication failed (wrong key, tampered data, or another row/owner/purpose)',
    );
  }
}

/** `decrypt`, then UTF-8 decoding. */
export async function decryptText(key: Uint8Array, encString: string, ctx: AeadContext): Promise<string> {
  const sodium = await getSodium();
  return sodium.to_string(await decrypt(key, encString, ctx));
}

function parseInContext(encString: string, ctx: AeadContext) {
  try {
    return parseEncString(encString);
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    // Same reason, now naming the row the caller was reading.
    throw new DecryptionError({ keyId: error.keyId, purpose: ctx.purpose, rowId: ctx.rowId }, error.reason);
  }
}

function associatedData(ctx: AeadContext): string {
  for (const field of [ctx.purpose, ctx.rowId, ctx.ownerId]) {
    if (typeof field !== 'string' || field === '' || field.includes('|')) {
      throw new RangeError('AEAD context fields must be non-empty strings without "|"');
    }
  }
  return `${ctx.purpose}|v1|${ctx.rowId}|${ctx.ownerId}`;
}

function assertKey(key: Uint8Array): void {
  // Length only: `instanceof Uint8Array` is false across realms (worker results, Jest's vm).
  if (key?.length !== KEY_BYTES) {
    throw new RangeError(`key must be ${KEY_BYTES} bytes`);
  }
}
