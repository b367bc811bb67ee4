import { generateSealKeyPair, sealKeyPairFromSeed, signDetached, verifyDetached } from './seal.js';

const evidence = JSON.stringify({ documentSha256: 'ab'.repeat(32), signer: 'A. Client', at: '2026-11-01T10:00:00Z' });

describe('seal', () => {
  it('signs and verifies canonical evidence with Ed25519', async () => {
    const { publicKey, privateKey } = await generateSealKeyPair();
    expect(publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(privateKey).toMatch(/^[A-Za-z0-9_-]{86}$/);

    const sut = await signDetached(privateKey, evidence);

    expect(sut).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(await verifyDetached(publicKey, evidence, sut)).toBe(true);
  });

  it('fails verification for a tampered message, another key, or a mangled signature', async () => {
    const { publicKey, privateKey } = await generateSealKeyPair();
    const sut = await signDetached(privateKey, evidence);

    expect(await verifyDetached(publicKey, evidence.replace('A. Client', 'B. Client'), sut)).toBe(false);
    expect(await verifyDetached((await generateSealKeyPair()).publicKey, evidence, sut)).toBe(false);
    expect(await verifyDetached(publicKey, evidence, sut.slice(0, -4))).toBe(false);
    expect(await verifyDetached(publicKey, evidence, 'not base64!')).toBe(false);
  });

  it('refuses a malformed key with RangeError instead of verifying against it', async () => {
    await expect(verifyDetached('short', evidence, 'AAAA')).rejects.toThrow(RangeError);
    await expect(signDetached('short', evidence)).rejects.toThrow(RangeError);
  });

  it('derives one key pair per seed, so every process seals with the published key', async () => {
    const seed = new Uint8Array(32).fill(7);
    const first = await sealKeyPairFromSeed(seed);
    const again = await sealKeyPairFromSeed(Uint8Array.from(seed));
    const other = await sealKeyPairFromSeed(new Uint8Array(32).fill(8));
    const fromLongSecret = await sealKeyPairFromSeed(new Uint8Array(48).fill(7));

    expect(again).toEqual(first);
    expect(other.publicKey).not.toBe(first.publicKey);
    expect(fromLongSecret.publicKey).not.toBe(first.publicKey);
    expect(await verifyDetached(first.publicKey, evidence, await signDetached(first.privateKey, evidence))).toBe(true);
    await expect(sealKeyPairFromSeed(new Uint8Array(31))).rejects.toThrow(RangeError);
  });
});
