import { DecryptionError } from './crypto.errors.js';
import { fromBase64Url, toBase64Url } from './encoding.js';

const VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const NONCE_BYTES = 24; // XChaCha20-Poly1305 IETF
const TAG_BYTES = 16; // Poly1305

/** A parsed `v1.<keyId>.<nonce>.<ciphertext>` (nonce and ciphertext base64url without padding). */
export interface EncString {
  version: 'v1';
  keyId: string;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

/** True for key ids that can sit inside an EncString: 1-64 of `A-Z a-z 0-9 _ -`, no dots. */
export function isValidKeyId(keyId: string): boolean {
  return KEY_ID.test(keyId);
}

export function formatEncString(keyId: string, nonce: Uint8Array, ciphertext: Uint8Array): string {
  return `${VERSION}.${keyId}.${toBase64Url(nonce)}.${toBase64Url(ciphertext)}`;
}

/**
 * Reads an EncString without decrypting it. Anything malformed (version, part count, key id,
 * base64url, nonce or tag length) throws DecryptionError, never a TypeError.
 */
export function parseEncString(s: string): EncString {
  const where = { purpose: '(unknown purpose)', rowId: '(unknown)' };
  const parts = typeof s === 'string' ? s.split('.') : [];
  // Echo the key id only once it is known to be harmless.
  const keyId = parts.length === 4 && isValidKeyId(parts[1]!) ? parts[1]! : '(invalid)';
  const fail = (reason: string): never => {
    throw new DecryptionError({ ...where, keyId }, `malformed EncString: ${reason}`);
  };
  if (parts.length !== 4) fail(`expected 4 dot-separated parts, got ${parts.length}`);
  const [version, , nonceText, ciphertextText] = parts as [string, string, string, string];
  if (version !== VERSION) fail('unsupported version');
  if (keyId === '(invalid)') fail('invalid key id');
  const nonce = decodePart(nonceText, () => fail('nonce is not base64url'));
  const ciphertext = decodePart(ciphertextText, () => fail('ciphertext is not base64url'));
  if (nonce.length !== NONCE_BYTES) fail(`nonce is ${nonce.length} bytes, expected ${NONCE_BYTES}`);
  if (ciphertext.length < TAG_BYTES) fail('ciphertext is shorter than its authentication tag');
  return { version: VERSION, keyId, nonce, ciphertext };
}

function decodePart(text: string, onError: () => never): Uint8Array {
  try {
    return fromBase64Url(text);
  } catch {
    return onError();
  }
}
