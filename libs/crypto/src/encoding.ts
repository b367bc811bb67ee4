// Base64 helpers that are synchronous and strict. The output is byte-for-byte what
// sodium.to_base64 gives (URLSAFE_NO_PADDING / ORIGINAL; encoding.spec.ts checks it), but it does
// not need `sodium.ready`, so the synchronous parseEncString can never hit an uninitialised sodium.
// Node's own decoder skips invalid characters silently, hence the alphabet and round-trip checks.

import { InvalidBase64Error } from './crypto.errors.js';

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** RFC 4648 §5 base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** Strict inverse of toBase64Url: alphabet, length and canonical trailing bits are all checked. */
export function fromBase64Url(text: string): Uint8Array {
  if (!BASE64URL.test(text) || text.length % 4 === 1) throw new InvalidBase64Error('not base64url');
  const decoded = Buffer.from(text, 'base64url');
  if (decoded.toString('base64url') !== text) throw new InvalidBase64Error('not canonical base64url');
  return new Uint8Array(decoded); // a copy: small Buffers share Node's pool, never hand that out
}

/** RFC 4648 §4 standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Strict inverse of toBase64. */
export function fromBase64(text: string): Uint8Array {
  if (!BASE64.test(text)) throw new InvalidBase64Error('not base64');
  const decoded = Buffer.from(text, 'base64');
  if (decoded.toString('base64') !== text) throw new InvalidBase64Error('not canonical base64');
  return new Uint8Array(decoded);
}

/**
 * libsodium checks `instanceof Uint8Array`, which is false for bytes from another realm (a Buffer
 * or worker result seen inside Jest's vm). Such input is copied into this realm; the rest passes as is.
 */
export function toSodiumBytes(bytes: Uint8Array): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
}
