import { WeakKdfParamsError } from './crypto.errors.js';
import { KDF_DEFAULTS, KDF_FLOOR, assertKdfParamsAboveFloor, newKdfParams, type KdfParams } from './kdf.js';
import { fromBase64Url } from './encoding.js';

const MiB = 1024 * 1024;
const valid: KdfParams = { alg: 'argon2id13', opsLimit: 2, memLimitBytes: 64 * MiB, salt: 'A'.repeat(22) };

describe('KDF params', () => {
  it('sets the floor and the defaults at ops 2 / 64 MiB', () => {
    expect(KDF_FLOOR).toEqual({ opsLimit: 2, memLimitBytes: 64 * MiB });
    expect(KDF_DEFAULTS).toEqual({ opsLimit: 2, memLimitBytes: 64 * MiB });
  });

  it('accepts params at or above the floor', () => {
    expect(() => assertKdfParamsAboveFloor(valid)).not.toThrow();
    expect(() => assertKdfParamsAboveFloor({ ...valid, opsLimit: 3, memLimitBytes: 256 * MiB })).not.toThrow();
    expect(() => assertKdfParamsAboveFloor({ ...valid, opsLimit: 16, memLimitBytes: 1024 * MiB })).not.toThrow();
  });

  it.each<[string, Partial<KdfParams> | Record<string, unknown>]>([
    ['ops 1', { opsLimit: 1 }],
    ['63 MiB', { memLimitBytes: 63 * MiB }],
    ['another algorithm', { alg: 'argon2i13' }],
    ['NaN ops', { opsLimit: Number.NaN }],
    ['fractional memory', { memLimitBytes: 64 * MiB + 0.5 }],
    ['a 15-byte salt', { salt: 'A'.repeat(20) }],
    ['a salt that is not base64url', { salt: '!'.repeat(22) }],
    ['ops above the ceiling (a login as denial of service)', { opsLimit: 17 }],
    ['memory above the ceiling', { memLimitBytes: 1025 * MiB }],
  ])('refuses %s with WeakKdfParamsError', (_name, change) => {
    expect(() => assertKdfParamsAboveFloor({ ...valid, ...change } as KdfParams)).toThrow(WeakKdfParamsError);
  });

  it('makes fresh params with a random 16-byte salt and the defaults', async () => {
    const a = await newKdfParams();
    const b = await newKdfParams();
    expect(a).toMatchObject({ alg: 'argon2id13', opsLimit: 2, memLimitBytes: 64 * MiB });
    expect(fromBase64Url(a.salt)).toHaveLength(16);
    expect(a.salt).not.toBe(b.salt);
    expect(await newKdfParams({ opsLimit: 3 })).toMatchObject({ opsLimit: 3 });
  });

  it('refuses to make params below the floor', async () => {
    await expect(newKdfParams({ opsLimit: 1 })).rejects.toThrow(WeakKdfParamsError);
    await expect(newKdfParams({ memLimitBytes: 8 * MiB })).rejects.toThrow(WeakKdfParamsError);
  });
});
