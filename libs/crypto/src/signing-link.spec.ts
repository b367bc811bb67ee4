import { createHash } from 'node:crypto';
import { DecryptionError } from './crypto.errors.js';
import { randomToken } from './random.js';
import {
  generateBoxKeyPair,
  openSealedBox,
  sealToPublicKey,
  signingLinkKey,
  signingTokenHash,
} from './signing-link.js';

const what = { purpose: 'releases.step_log', rowId: 'r1' };

describe('signing links', () => {
  it('hashes a token with SHA-256 as hex, for any string', () => {
    expect(signingTokenHash('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(signingTokenHash('')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('derives one 32-byte key per token, unrelated to its stored hash', async () => {
    const token = await randomToken();
    const sut = await signingLinkKey(token);
    expect(sut).toHaveLength(32);
    expect(await signingLinkKey(token)).toEqual(sut);
    expect(await signingLinkKey(await randomToken())).not.toEqual(sut);
    expect(Buffer.from(sut).toString('hex')).not.toBe(signingTokenHash(token));
  });

  it('refuses to derive a key from anything but a 32-byte base64url token', async () => {
    await expect(signingLinkKey('short')).rejects.toThrow(RangeError);
    await expect(signingLinkKey(await randomToken(16))).rejects.toThrow(RangeError);
    await expect(signingLinkKey('!'.repeat(43))).rejects.toThrow(RangeError);
  });
});

describe('sealed boxes', () => {
  it('opens with the key pair what was sealed to its public key', async () => {
    const keyPair = await generateBoxKeyPair();
    const sut = await sealToPublicKey(keyPair.publicKey, 'opened at 10:00 from 198.51.100.7');
    expect(sut).not.toContain('198.51.100.7');
    expect(await openSealedBox(keyPair, sut, what)).toBe('opened at 10:00 from 198.51.100.7');
  });

  it('fails with DecryptionError under another key pair or after one changed byte', async () => {
    const keyPair = await generateBoxKeyPair();
    const sealed = await sealToPublicKey(keyPair.publicKey, 'step');
    await expect(openSealedBox(await generateBoxKeyPair(), sealed, what)).rejects.toThrow(DecryptionError);
    const bytes = Buffer.from(sealed, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    await expect(openSealedBox(keyPair, bytes.toString('base64'), what)).rejects.toThrow(DecryptionError);
  });

  it('refuses a malformed public key with RangeError', async () => {
    await expect(sealToPublicKey('short', 'x')).rejects.toThrow(RangeError);
  });
});
