import { fromBase64Url } from './encoding.js';
import { randomToken } from './random.js';

describe('randomToken', () => {
  it('is 32 random bytes base64url by default, and different every time', async () => {
    const sut = await randomToken();
    expect(sut).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fromBase64Url(sut)).toHaveLength(32);
    expect(await randomToken()).not.toBe(sut);
  });

  it('takes another length, but never fewer than 16 bytes', async () => {
    expect(fromBase64Url(await randomToken(48))).toHaveLength(48);
    await expect(randomToken(15)).rejects.toThrow(RangeError);
    await expect(randomToken(16.5)).rejects.toThrow(RangeError);
  });
});
