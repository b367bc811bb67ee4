import { decrypt, decryptText, encrypt, generateKey, type AeadContext } from './aead.js';
import { DecryptionError } from './crypto.errors.js';
import { fromBase64Url, toBase64, toBase64Url } from './encoding.js';

const ctx: AeadContext = { purpose: 'session-note', rowId: 'row-1', ownerId: 'coach-1' };

function flipBit(encString: string, part: 2 | 3, byteIndex: number): string {
  const parts = encString.split('.');
  const bytes = fromBase64Url(parts[part]!);
  bytes[byteIndex]! ^= 0x01;
  parts[part] = toBase64Url(bytes);
  return parts.join('.');
}

async function expectDecryptionError(promise: Promise<unknown>): Promise<DecryptionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DecryptionError);
  return error as DecryptionError;
}

describe('encrypt / decrypt', () => {
  it('round-trips text and bytes in the v1.<keyId>.<nonce>.<ciphertext> format', async () => {
    const key = await generateKey();
    const sut = await encrypt(key, 'client-7', 'Séance notes ✓', ctx);

    expect(sut).toMatch(/^v1\.client-7\.[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]+$/);
    expect(await decryptText(key, sut, ctx)).toBe('Séance notes ✓');
    const bytes = new Uint8Array([0, 1, 2, 255]);
    expect(await decrypt(key, await encrypt(key, 'k', bytes, ctx), ctx)).toEqual(bytes);
  });

  it('uses a fresh nonce each time, so equal plaintexts give different ciphertexts', async () => {
    const key = await generateKey();
    const a = await encrypt(key, 'k', 'same', ctx);
    const b = await encrypt(key, 'k', 'same', ctx);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
    expect(a).not.toBe(b);
  });

  it('refuses a ciphertext moved to another row, naming row and key id but no key bytes or plaintext', async () => {
    const key = await generateKey();
    const plaintext = 'client disclosed something private';
    const sut = await encrypt(key, 'client-7', plaintext, ctx);

    const error = await expectDecryptionError(decrypt(key, sut, { ...ctx, rowId: 'row-2' }));

    expect(error.rowId).toBe('row-2');
    expect(error.keyId).toBe('client-7');
    expect(error.purpose).toBe('session-note');
    expect(error.message).toContain('row-2');
    expect(error.message).toContain('client-7');
    const everything = `${error.message} ${error.stack ?? ''} ${JSON.stringify(error)}`;
    for (const secret of [toBase64Url(key), toBase64(key), Buffer.from(key).toString('hex'), plaintext]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('refuses a ciphertext read under another owner or purpose, or with another key', async () => {
    const key = await generateKey();
    const sut = await encrypt(key, 'k', 'x', ctx);
    await expectDecryptionError(decrypt(key, sut, { ...ctx, ownerId: 'coach-2' }));
    await expectDecryptionError(decrypt(key, sut, { ...ctx, purpose: 'intake' }));
    await expectDecryptionError(decrypt(await generateKey(), sut, ctx));
  });

  it.each([
    ['nonce', 2, 0],
    ['nonce', 2, 23],
    ['ciphertext body', 3, 0],
    ['authentication tag', 3, -1],
  ] as const)('refuses a flipped bit in the %s', async (_name, part, index) => {
    const key = await generateKey();
    const sut = await encrypt(key, 'k', 'hello', ctx);
    const length = fromBase64Url(sut.split('.')[part]!).length;
    const tampered = flipBit(sut, part, index < 0 ? length + index : index);
    expect(tampered).not.toBe(sut);
    await expectDecryptionError(decrypt(key, tampered, ctx));
  });

  it('refuses key ids that would break the format, and contexts containing "|"', async () => {
    const key = await generateKey();
    await expect(encrypt(key, 'a.b', 'x', ctx)).rejects.toThrow(RangeError);
    await expect(encrypt(key, '', 'x', ctx)).rejects.toThrow(RangeError);
    await expect(encrypt(key, 'k'.repeat(65), 'x', ctx)).rejects.toThrow(RangeError);
    await expect(encrypt(key, 'k', 'x', { ...ctx, rowId: 'a|b' })).rejects.toThrow(RangeError);
    await expect(encrypt(key.subarray(0, 16), 'k', 'x', ctx)).rejects.toThrow(RangeError);
  });
});
