import { InvalidRecoveryKeyError } from './crypto.errors.js';
import { generateRecoveryKey, normalizeRecoveryKey, recoveryKek, toBase32 } from './recovery-key.js';

const pepper = new Uint8Array(32).fill(3);

describe('recovery keys', () => {
  it('are 8 dash-separated groups of 4 base32 characters (160 random bits)', async () => {
    const sut = await generateRecoveryKey();
    expect(sut).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/);
    expect(await generateRecoveryKey()).not.toBe(sut);
  });

  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encode bytes as RFC 4648 base32 (test vector %p)', (input, expected) => {
    expect(toBase32(new TextEncoder().encode(input))).toBe(expected);
  });

  it('normalize lower case, spaces and dashes to the same key', async () => {
    const sut = await generateRecoveryKey();
    const typed = ` ${sut.toLowerCase().replace(/-/g, ' - ')} `;
    expect(normalizeRecoveryKey(typed)).toBe(sut.replace(/-/g, ''));
    expect(await recoveryKek(pepper, typed)).toEqual(await recoveryKek(pepper, sut));
  });

  it.each([
    ['too short', 'ABCD-EFGH'],
    ['too long', 'A'.repeat(33)],
    ['digits outside base32', '0'.repeat(32)],
    ['empty', ''],
  ])('are refused when %s, without echoing the input', (_name, input) => {
    expect(() => normalizeRecoveryKey(input)).toThrow(InvalidRecoveryKeyError);
    try {
      normalizeRecoveryKey(input);
    } catch (error) {
      if (input) expect((error as Error).message).not.toContain(input);
    }
  });

  it('derive a 32-byte KEK that depends on both the key and the pepper', async () => {
    const key = await generateRecoveryKey();
    const sut = await recoveryKek(pepper, key);
    expect(sut).toHaveLength(32);
    expect(await recoveryKek(new Uint8Array(32).fill(4), key)).not.toEqual(sut);
    expect(await recoveryKek(pepper, await generateRecoveryKey())).not.toEqual(sut);
  });
});
