// Runs Argon2id (crypto_pwhash) off the main thread for Argon2Pool. Plain ESM JavaScript so that
// Node loads it in the worker directly, under Jest and from dist alike. Each worker keeps its own
// libsodium WASM instance (its memory grows to memLimit and is not returned while the thread lives).
import sodium from 'libsodium-wrappers-sumo';
import { Piscina } from 'piscina';

await sodium.ready;
if (typeof sodium.crypto_pwhash !== 'function') {
  throw new Error('libsodium has no crypto_pwhash: use libsodium-wrappers-sumo');
}

const KEY_BYTES = 32;

/**
 * @param {{ input: Uint8Array, salt: Uint8Array, opsLimit: number, memLimitBytes: number }} task
 *   already checked against the floor on the main thread
 * @returns {Uint8Array} 32-byte key, moved (not copied) back to the caller
 */
export default function deriveKey({ input, salt, opsLimit, memLimitBytes }) {
  try {
    const key = sodium.crypto_pwhash(
      KEY_BYTES,
      input,
      salt,
      opsLimit,
      memLimitBytes,
      sodium.crypto_pwhash_ALG_ARGON2ID13,
    );
    return Piscina.move(key);
  } finally {
    sodium.memzero(input); // the pre-hash was transferred here; do not leave it lying in the heap
  }
}
