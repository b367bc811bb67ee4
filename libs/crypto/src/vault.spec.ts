import { jest } from '@jest/globals';
import { Piscina } from 'piscina';
import { Argon2Pool } from './argon2-pool.js';
import { DecryptionError, InvalidRecoveryKeyError, WeakKdfParamsError } from './crypto.errors.js';
import {
  createVault,
  unlockVaultWithPassword,
  unlockVaultWithRecoveryKey,
  wrapVaultForNewRecoveryKey,
  wrapVaultForPassword,
  type NewVault,
} from './vault.js';

const accountId = 'coach-1';
const pepper = new Uint8Array(32).fill(42);
const password = 'correct horse battery staple';

describe('vault', () => {
  let pool: Argon2Pool;
  let sut: NewVault;

  beforeAll(async () => {
    pool = new Argon2Pool();
    sut = await createVault({ accountId, password, pepper, pool });
  });

  afterAll(async () => {
    await pool.destroy();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('creates a 32-byte vault key that the password and the recovery key both unlock', async () => {
    expect(sut.vaultKey).toHaveLength(32);
    expect(sut.passwordWrap.kdf).toMatchObject({ alg: 'argon2id13', opsLimit: 2, memLimitBytes: 64 * 1024 * 1024 });
    expect(sut.passwordWrap.wrappedKey.startsWith('v1.pw1.')).toBe(true);
    expect(sut.recoveryWrappedKey.startsWith('v1.rk1.')).toBe(true);

    const { passwordWrap, recoveryKey, recoveryWrappedKey } = sut;
    expect(await unlockVaultWithPassword({ accountId, password, pepper, pool, passwordWrap })).toEqual(sut.vaultKey);
    expect(await unlockVaultWithRecoveryKey({ accountId, recoveryKey, pepper, recoveryWrappedKey })).toEqual(
      sut.vaultKey,
    );
  });

  it('refuses a wrong password with DecryptionError', async () => {
    const attempt = unlockVaultWithPassword({
      accountId,
      password: 'correct horse battery stapler',
      pepper,
      pool,
      passwordWrap: sut.passwordWrap,
    });
    await expect(attempt).rejects.toThrow(DecryptionError);
  });

  it('refuses the right password with another pepper, or for another account', async () => {
    const { passwordWrap } = sut;
    const otherPepper = new Uint8Array(32).fill(43);
    await expect(
      unlockVaultWithPassword({ accountId, password, pepper: otherPepper, pool, passwordWrap }),
    ).rejects.toThrow(DecryptionError);
    await expect(
      unlockVaultWithPassword({ accountId: 'coach-2', password, pepper, pool, passwordWrap }),
    ).rejects.toThrow(DecryptionError);
  });

  it.each([
    ['opsLimit 1', { opsLimit: 1 }],
    ['32 MiB', { memLimitBytes: 32 * 1024 * 1024 }],
    ['argon2i', { alg: 'argon2i13' }],
  ])('refuses stored KDF params below the floor (%s) without deriving', async (_name, change) => {
    const run = jest.spyOn(Piscina.prototype, 'run');
    const passwordWrap = {
      ...sut.passwordWrap,
      kdf: { ...sut.passwordWrap.kdf, ...change },
    } as NewVault['passwordWrap'];

    await expect(unlockVaultWithPassword({ accountId, password, pepper, pool, passwordWrap })).rejects.toThrow(
      WeakKdfParamsError,
    );
    expect(run).not.toHaveBeenCalled();
  });

  it('keeps the vault key byte-identical across a password change, and the old password stops working', async () => {
    const newPassword = 'a whole new passphrase';
    const current = await unlockVaultWithPassword({
      accountId,
      password,
      pepper,
      pool,
      passwordWrap: sut.passwordWrap,
    });

    const changed = await wrapVaultForPassword({ accountId, vaultKey: current, password: newPassword, pepper, pool });

    expect(changed.kdf.salt).not.toBe(sut.passwordWrap.kdf.salt);
    expect(
      await unlockVaultWithPassword({ accountId, password: newPassword, pepper, pool, passwordWrap: changed }),
    ).toEqual(sut.vaultKey);
    await expect(unlockVaultWithPassword({ accountId, password, pepper, pool, passwordWrap: changed })).rejects.toThrow(
      DecryptionError,
    );
  });

  it('keeps the vault key byte-identical through recovery, and the old password stops working', async () => {
    const typed = sut.recoveryKey.toLowerCase().replace(/-/g, ' ');
    const recovered = await unlockVaultWithRecoveryKey({
      accountId,
      recoveryKey: typed,
      pepper,
      recoveryWrappedKey: sut.recoveryWrappedKey,
    });
    const rewrapped = await wrapVaultForPassword({
      accountId,
      vaultKey: recovered,
      password: 'after recovery',
      pepper,
      pool,
    });

    expect(recovered).toEqual(sut.vaultKey);
    expect(
      await unlockVaultWithPassword({ accountId, password: 'after recovery', pepper, pool, passwordWrap: rewrapped }),
    ).toEqual(sut.vaultKey);
    await expect(
      unlockVaultWithPassword({ accountId, password, pepper, pool, passwordWrap: rewrapped }),
    ).rejects.toThrow(DecryptionError);
  });

  it('refuses a wrong recovery key with DecryptionError, and a malformed one with InvalidRecoveryKeyError', async () => {
    const { recoveryWrappedKey } = sut;
    const other = await wrapVaultForNewRecoveryKey({ accountId, vaultKey: sut.vaultKey, pepper });
    expect(other.recoveryKey).not.toBe(sut.recoveryKey);

    await expect(
      unlockVaultWithRecoveryKey({ accountId, recoveryKey: other.recoveryKey, pepper, recoveryWrappedKey }),
    ).rejects.toThrow(DecryptionError);
    await expect(
      unlockVaultWithRecoveryKey({ accountId, recoveryKey: 'not-a-key', pepper, recoveryWrappedKey }),
    ).rejects.toThrow(InvalidRecoveryKeyError);
    expect(
      await unlockVaultWithRecoveryKey({
        accountId,
        recoveryKey: other.recoveryKey,
        pepper,
        recoveryWrappedKey: other.recoveryWrappedKey,
      }),
    ).toEqual(sut.vaultKey);
  });
});
