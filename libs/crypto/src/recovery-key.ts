import { InvalidRecoveryKeyError } from './crypto.errors.js';
import { pepperKey } from './pepper.js';
import { getSodium } from './sodium.js';
import { randomBytesFor } from './random.js';

const RANDOM_BYTES = 20; // 160 bits, above the 128-bit minimum; exactly 32 base32 characters
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'; // RFC 4648
const NORMALIZED = /^[A-Z2-7]{32}$/;
const DOMAIN = 'haven-recovery-kek|v1|';

/**
 * A new recovery key, shown to the coach once: 20 random bytes as RFC 4648 base32 without
 * padding, in 8 groups of 4 joined by '-' (e.g. `ABCD-EFGH-...`).
 */
export async function generateRecoveryKey(): Promise<string> {
  const text = toBase32(randomBytesFor(RANDOM_BYTES));
  return text.match(/.{4}/g)!.join('-');
}

/**
 * Accepts what a person types: any case, spaces and dashes anywhere. Returns the 32 upper-case
 * base32 characters, or throws InvalidRecoveryKeyError (whose message never repeats the input).
 */
export function normalizeRecoveryKey(input: string): string {
  const normalized = typeof input === 'string' ? input.replace(/[\s-]+/g, '').toUpperCase() : '';
  if (!NORMALIZED.test(normalized)) {
    throw new InvalidRecoveryKeyError('a recovery key is 32 letters A-Z and digits 2-7, in groups of 4');
  }
  return normalized;
}

/**
 * The key-encryption key for the recovery wrap of a vault key:
 * BLAKE2b-256('haven-recovery-kek|v1|' + normalized key, key = 32-byte pepper key). The recovery
 * key carries 160 random bits, so no Argon2 is needed; the pepper makes a database dump alone useless.
 */
export async function recoveryKek(pepper: Uint8Array, recoveryKey: string): Promise<Uint8Array> {
  const normalized = normalizeRecoveryKey(recoveryKey);
  const sodium = await getSodium();
  return sodium.crypto_generichash(32, DOMAIN + normalized, await pepperKey(pepper));
}

/** RFC 4648 base32 without padding (exported for its test; not part of the public surface). */
export function toBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1; // keep only the bits not yet written
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}
