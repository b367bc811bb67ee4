import { getSodium } from './sodium.js';

describe('getSodium', () => {
  it('returns one ready sumo instance with crypto_pwhash', async () => {
    const sut = await getSodium();
    expect(typeof sut.crypto_pwhash).toBe('function');
    expect(await getSodium()).toBe(sut);
  });
});
