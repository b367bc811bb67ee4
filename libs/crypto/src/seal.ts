import { fromBase64, fromBase64Url, toBase64, toBase64Url } from './encoding.js';
import { getSodium } from './sodium.js';

const PUBLIC_KEY_BYTES = 32;
const PRIVATE_KEY_BYTES = 64; // libsodium's Ed25519 secret key: seed || public key
const SIGNATURE_BYTES = 64;
const SEED_BYTES = 32;

/** A new Ed25519 key pair for the platform seal, both halves base64url. */
export async function generateSealKeyPair(): Promise<{ publicKey: string; privateKey: string }> {
  const sodium = await getSodium();
  const { publicKey, privateKey } = sodium.crypto_sign_keypair();
  return { publicKey: toBase64Url(publicKey), privateKey: toBase64Url(privateKey) };
}

/**
 * The platform seal's key pair from its configured secret (HAVEN_SEAL_SEED), both halves base64url:
 * the same secret always gives the same key, so every API process seals with one published key. A
 * 32-byte secret is the Ed25519 seed itself; a longer one is hashed to 32 bytes (BLAKE2b) first.
 */
export async function sealKeyPairFromSeed(secret: Uint8Array): Promise<{ publicKey: string; privateKey: string }> {
  if (secret.length < SEED_BYTES) throw new RangeError(`seal seed must be at least ${SEED_BYTES} bytes`);
  const sodium = await getSodium();
  const seed = secret.length === SEED_BYTES ? secret : sodium.crypto_generichash(SEED_BYTES, secret, null);
  const { publicKey, privateKey } = sodium.crypto_sign_seed_keypair(seed);
  return { publicKey: toBase64Url(publicKey), privateKey: toBase64Url(privateKey) };
}

/** Ed25519 detached signature of the UTF-8 message (e.g. canonical JSON evidence), base64 standard. */
export async function signDetached(privateKey: string, message: string): Promise<string> {
  const sodium = await getSodium();
  const key = decodeKey(privateKey, PRIVATE_KEY_BYTES, 'seal private key');
  return toBase64(sodium.crypto_sign_detached(message, key));
}

/**
 * True only if `signature` is a valid Ed25519 signature of `message` under `publicKey`. A malformed
 * signature is simply false; a malformed public key is a configuration error and throws RangeError.
 */
export async function verifyDetached(publicKey: string, message: string, signature: string): Promise<boolean> {
  const sodium = await getSodium();
  const key = decodeKey(publicKey, PUBLIC_KEY_BYTES, 'seal public key');
  let sig: Uint8Array;
  try {
    sig = fromBase64(signature);
  } catch {
    return false;
  }
  if (sig.length !== SIGNATURE_BYTES) return false;
  return sodium.crypto_sign_verify_detached(sig, message, key);
}

function decodeKey(text: string, bytes: number, what: string): Uint8Array {
  let key: Uint8Array | undefined;
  try {
    key = fromBase64Url(text);
  } catch {
    key = undefined;
  }
  // The message never echoes the key text.
  if (key?.length !== bytes) throw new RangeError(`${what} must be ${bytes} bytes base64url`);
  return key;
}
