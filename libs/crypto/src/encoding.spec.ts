import sodium from 'libsodium-wrappers-sumo';
import { InvalidBase64Error } from './crypto.errors.js';
import { fromBase64, fromBase64Url, toBase64, toBase64Url } from './encoding.js';
import { getSodium } from './sodium.js';

describe('base64 encoding', () => {
  beforeAll(async () => {
    await getSodium();
  });

  it('encodes exactly like sodium.to_base64 (URLSAFE_NO_PADDING and ORIGINAL) and decodes back', () => {
    for (let length = 0; length <= 70; length++) {
      const bytes = sodium.randombytes_buf(length);
      const url = toBase64Url(bytes);
      const std = toBase64(bytes);
      expect(url).toBe(sodium.to_base64(bytes, sodium.base64_variants.URLSAFE_NO_PADDING));
      expect(std).toBe(sodium.to_base64(bytes, sodium.base64_variants.ORIGINAL));
      expect(fromBase64Url(url)).toEqual(bytes);
      expect(fromBase64(std)).toEqual(bytes);
    }
  });

  it('encodes a view of a larger buffer without leaking the rest of it', () => {
    const big = new Uint8Array([1, 2, 3, 4, 5, 6]);
    expect(fromBase64Url(toBase64Url(big.subarray(2, 4)))).toEqual(new Uint8Array([3, 4]));
  });

  it.each(['QUJD=', 'QU JD', 'QUJ+', 'QUJ', 'Q', '!!!!'])('rejects %p as base64url, as sodium does', (text) => {
    expect(() => fromBase64Url(text)).toThrow(InvalidBase64Error);
    expect(() => sodium.from_base64(text, sodium.base64_variants.URLSAFE_NO_PADDING)).toThrow();
  });

  it.each(['QUJD_', 'QUI', 'QUJ=', 'QUI==', 'QQ'])('rejects %p as standard base64', (text) => {
    expect(() => fromBase64(text)).toThrow(InvalidBase64Error);
  });
});
