import { toSodiumBytes } from './encoding.js';
import { getSodium } from './sodium.js';

const MIN_PEPPER_BYTES = 32;
const PEPPER_KEY_BYTES = 32;

/**
 * The 32-byte key made from the server pepper: the pepper itself when it is exactly 32 bytes,
 * otherwise its 32-byte BLAKE2b digest (`crypto_generichash`), because HMAC-SHA-256 in libsodium
 * takes a 32-byte key. Refuses peppers shorter than 32 bytes.
 */
export async function pepperKey(pepper: Uint8Array): Promise<Uint8Array> {
  if (!(pepper?.length >= MIN_PEPPER_BYTES)) throw new RangeError(`pepper must be at least ${MIN_PEPPER_BYTES} bytes`);
  if (pepper.length === PEPPER_KEY_BYTES) return toSodiumBytes(pepper);
  const sodium = await getSodium();
  return sodium.crypto_generichash(PEPPER_KEY_BYTES, toSodiumBytes(pepper), null);
}
