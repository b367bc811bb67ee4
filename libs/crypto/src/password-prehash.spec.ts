import { loginPrehash, vaultPrehash } from './password-prehash.js';
import { getSodium } from './sodium.js';

const pepper = new Uint8Array(32).fill(7);

describe('loginPrehash', () => {
  it('gives different prehashes for two 100-byte passwords sharing their first 72 bytes', async () => {
    const prefix = 'p'.repeat(72);
    const a = prefix + 'a'.repeat(28);
    const b = prefix + 'b'.repeat(28);
    expect(Buffer.byteLength(a)).toBe(100);

    const sutA = await loginPrehash(pepper, a);
    const sutB = await loginPrehash(pepper, b);

    expect(sutA).not.toBe(sutB);
    expect(sutA).toHaveLength(44); // what bcrypt sees: well under its 72-byte limit
    expect(sutA).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('treats composed and decomposed "é" as the same password (NFC)', async () => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    expect(composed).not.toBe(decomposed);
    expect(await loginPrehash(pepper, composed)).toBe(await loginPrehash(pepper, decomposed));
    expect(await vaultPrehash(pepper, composed)).toEqual(await vaultPrehash(pepper, decomposed));
  });

  it('depends on the pepper', async () => {
    const other = new Uint8Array(32).fill(8);
    expect(await loginPrehash(pepper, 'same password')).not.toBe(await loginPrehash(other, 'same password'));
  });

  it('is HMAC-SHA-256(pepper, password), with a pepper longer than 32 bytes first hashed to 32', async () => {
    const sodium = await getSodium();
    const long = new Uint8Array(48).fill(9);
    const expected = sodium.crypto_auth_hmacsha256('pw', sodium.crypto_generichash(32, long, null));
    expect(await loginPrehash(long, 'pw')).toBe(Buffer.from(expected).toString('base64'));
    expect(await loginPrehash(pepper, 'pw')).toBe(
      Buffer.from(sodium.crypto_auth_hmacsha256('pw', pepper)).toString('base64'),
    );
  });

  it('refuses a pepper shorter than 32 bytes', async () => {
    await expect(loginPrehash(new Uint8Array(31), 'pw')).rejects.toThrow(RangeError);
  });
});

describe('vaultPrehash', () => {
  it('is 32 bytes and domain-separated from the login prehash', async () => {
    const sut = await vaultPrehash(pepper, 'pw');
    expect(sut).toHaveLength(32);
    expect(Buffer.from(sut).toString('base64')).not.toBe(await loginPrehash(pepper, 'pw'));
  });
});
