import { generateKey } from './aead.js';
import { DecryptionError } from './crypto.errors.js';
import { newSessionSecret, unwrapVaultKeyFromSession, wrapVaultKeyForSession } from './session-wrap.js';

describe('session wrap of the vault key', () => {
  it('round-trips the vault key under the session secret', async () => {
    const vaultKey = await generateKey();
    const secret = await newSessionSecret();
    const sut = await wrapVaultKeyForSession(vaultKey, secret, 'session-1', 'coach-1');
    expect(sut.startsWith('v1.ss1.')).toBe(true);
    expect(await unwrapVaultKeyFromSession(sut, secret, 'session-1', 'coach-1')).toEqual(vaultKey);
  });

  it('refuses another secret, another session or another coach', async () => {
    const secret = await newSessionSecret();
    const sut = await wrapVaultKeyForSession(await generateKey(), secret, 'session-1', 'coach-1');
    await expect(unwrapVaultKeyFromSession(sut, await newSessionSecret(), 'session-1', 'coach-1')).rejects.toThrow(
      DecryptionError,
    );
    await expect(unwrapVaultKeyFromSession(sut, secret, 'session-2', 'coach-1')).rejects.toThrow(DecryptionError);
    await expect(unwrapVaultKeyFromSession(sut, secret, 'session-1', 'coach-2')).rejects.toThrow(DecryptionError);
  });

  it('makes a new 32-byte secret each time', async () => {
    const a = await newSessionSecret();
    expect(a).toHaveLength(32);
    expect(await newSessionSecret()).not.toEqual(a);
  });
});
