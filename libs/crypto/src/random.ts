import { toBase64Url } from './encoding.js';
import { getSodium } from './sodium.js';

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
  const sodium = await getSodium();
  return toBase64Url(sodium.randombytes_buf(bytes));
}
