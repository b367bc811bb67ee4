import { encrypt, generateKey } from './aead.js';
import { DecryptionError } from './crypto.errors.js';
import { unwrapKey, wrapKey } from './key-wrap.js';

const ctx = { purpose: 'client-key', rowId: 'client-1', ownerId: 'coach-1' };

describe('wrapKey / unwrapKey', () => {
  it('round-trips a 32-byte key byte for byte', async () => {
    const kek = await generateKey();
    const key = await generateKey();
    const sut = await wrapKey(kek, 'vk1', key, ctx);
    expect(sut.startsWith('v1.vk1.')).toBe(true);
    expect(await unwrapKey(kek, sut, ctx)).toEqual(key);
  });

  it('refuses another key-encryption key or another row', async () => {
    const kek = await generateKey();
    const sut = await wrapKey(kek, 'vk1', await generateKey(), ctx);
    await expect(unwrapKey(await generateKey(), sut, ctx)).rejects.toThrow(DecryptionError);
    await expect(unwrapKey(kek, sut, { ...ctx, rowId: 'client-2' })).rejects.toThrow(DecryptionError);
  });

  it('refuses to wrap anything but 32 bytes, and refuses an unwrapped value that is not 32 bytes', async () => {
    const kek = await generateKey();
    await expect(wrapKey(kek, 'vk1', new Uint8Array(16), ctx)).rejects.toThrow(RangeError);
    const notAKey = await encrypt(kek, 'vk1', new Uint8Array(16), ctx);
    await expect(unwrapKey(kek, notAKey, ctx)).rejects.toThrow(/not 32 bytes/);
    await expect(unwrapKey(kek, notAKey, ctx)).rejects.toThrow(DecryptionError);
  });
});
