import { randomFillSync } from 'node:crypto';
import { toBase64Url } from './encoding.js';

const MIN_BYTES = 16;
const MAX_BYTES = 1024;

/**
 * A random token, base64url without padding (32 bytes = 256 bits by default, e.g. signing links).
 * Refuses fewer than 16 bytes (128 bits): shorter tokens are guessable.
 */
export async function randomToken(bytes = 32): Promise<string> {
  if (!Number.isInteger(bytes) || bytes < MIN_BYTES || bytes > MAX_BYTES) {
    throw new RangeError(`token length must be an integer from ${MIN_BYTES} to ${MAX_BYTES} bytes`);
  }
  return toBase64Url(randomBytesFor(bytes));
}

/**
 * `bytes` bytes from the operating system's CSPRNG (through OpenSSL), in one call. Used instead of
 * libsodium's randombytes_buf: the WebAssembly build fetches randomness from JavaScript 4 bytes at a
 * time, so one 24-byte nonce cost six randomFillSync calls (8 % of the API's CPU under load).
 */
export function randomBytesFor(bytes: number): Uint8Array {
  return randomFillSync(new Uint8Array(bytes));
}
