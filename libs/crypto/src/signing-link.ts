import { createHash } from 'node:crypto';
import { DecryptionError } from './crypto.errors.js';
import { fromBase64, fromBase64Url, toBase64, toBase64Url } from './encoding.js';
import { getSodium } from './sodium.js';

const TOKEN_BYTES = 32;
const KEY_BYTES = 32;
// BLAKE2b keyed with the token over a fixed label: a key for this use only, which the stored
// SHA-256 of the token (a different function of it) does not reveal.
const LINK_KEY_LABEL = 'haven signing-link key v1';

/**
 * The SHA-256 (hex) of a signing-link token: the only form the database keeps. Works on any string,
 * so a malformed token simply matches nothing.
 */
export function signingTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The 32-byte key the signer's copy of a release is encrypted under, derived from the link's token
 * (32 random bytes, base64url): whoever holds the link can read it, the database alone cannot.
 * RangeError for anything that is not such a token.
 */
export async function signingLinkKey(token: string): Promise<Uint8Array> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = fromBase64Url(token);
  } catch {
    bytes = undefined;
  }
  if (bytes?.length !== TOKEN_BYTES) throw new RangeError(`a signing token must be ${TOKEN_BYTES} bytes base64url`);
  const sodium = await getSodium();
  return sodium.crypto_generichash(KEY_BYTES, LINK_KEY_LABEL, bytes);
}

/** An X25519 key pair for sealed boxes, both halves base64url. */
export async function generateBoxKeyPair(): Promise<{ publicKey: string; secretKey: string }> {
  const sodium = await getSodium();
  const { publicKey, privateKey } = sodium.crypto_box_keypair();
  return { publicKey: toBase64Url(publicKey), secretKey: toBase64Url(privateKey) };
}

/**
 * Encrypts `plaintext` so that only the holder of the matching secret key can read it
 * (libsodium sealed box, anonymous sender): lets a writer without the reader's keys (a signer, a job)
 * add to what the coach reads. Base64 standard.
 */
export async function sealToPublicKey(publicKey: string, plaintext: string): Promise<string> {
  const sodium = await getSodium();
  return toBase64(sodium.crypto_box_seal(plaintext, decodeBoxKey(publicKey, 'box public key')));
}

/** Opens a sealed box; DecryptionError (naming `what`, never the content) when it does not open. */
export async function openSealedBox(
  keyPair: { publicKey: string; secretKey: string },
  sealed: string,
  what: { purpose: string; rowId: string },
): Promise<string> {
  const sodium = await getSodium();
  const publicKey = decodeBoxKey(keyPair.publicKey, 'box public key');
  const secretKey = decodeBoxKey(keyPair.secretKey, 'box secret key');
  try {
    return sodium.to_string(sodium.crypto_box_seal_open(fromBase64(sealed), publicKey, secretKey));
  } catch {
    throw new DecryptionError({ keyId: 'box', ...what }, 'sealed box did not open (wrong key or tampered data)');
  }
}

function decodeBoxKey(text: string, what: string): Uint8Array {
  let key: Uint8Array | undefined;
  try {
    key = fromBase64Url(text);
  } catch {
    key = undefined;
  }
  if (key?.length !== KEY_BYTES) throw new RangeError(`${what} must be ${KEY_BYTES} bytes base64url`);
  return key;
}
