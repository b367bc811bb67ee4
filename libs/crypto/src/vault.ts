import { generateKey, type AeadContext } from './aead.js';
import type { Argon2Pool } from './argon2-pool.js';
import { assertKdfParamsAboveFloor, newKdfParams, type KdfParams } from './kdf.js';
import { unwrapKey, wrapKey } from './key-wrap.js';
import { vaultPrehash } from './password-prehash.js';
import { generateRecoveryKey, recoveryKek } from './recovery-key.js';
import { getSodium } from './sodium.js';

const PASSWORD_KEY_ID = 'pw1';
const RECOVERY_KEY_ID = 'rk1';

/** The vault key wrapped under Argon2id(vaultPrehash(password)), with the params that derived it. */
export interface PasswordWrappedVault {
  kdf: KdfParams;
  wrappedKey: string;
}

/** Everything signup stores (the wraps) and shows once (the recovery key). */
export interface NewVault {
  /** 32 bytes; keep only in memory (wrapped per session), never store it. */
  vaultKey: Uint8Array;
  passwordWrap: PasswordWrappedVault;
  /** Shown to the coach once, never stored. */
  recoveryKey: string;
  recoveryWrappedKey: string;
}

type KdfOptions = { opsLimit?: number; memLimitBytes?: number };

/** A new vault key for a coach, wrapped under the password and under a fresh recovery key. */
export async function createVault(args: {
  accountId: string;
  password: string;
  pepper: Uint8Array;
  pool: Argon2Pool;
  kdf?: KdfOptions;
}): Promise<NewVault> {
  const vaultKey = await generateKey();
  const passwordWrap = await wrapVaultForPassword({ ...args, vaultKey });
  const { recoveryKey, recoveryWrappedKey } = await wrapVaultForNewRecoveryKey({ ...args, vaultKey });
  return { vaultKey, passwordWrap, recoveryKey, recoveryWrappedKey };
}

/**
 * Wraps an existing vault key under a password with fresh KDF params and salt. Used at signup,
 * password change and recovery: the vault key stays the same, only its wrap changes.
 */
export async function wrapVaultForPassword(args: {
  accountId: string;
  vaultKey: Uint8Array;
  password: string;
  pepper: Uint8Array;
  pool: Argon2Pool;
  kdf?: KdfOptions;
}): Promise<PasswordWrappedVault> {
  const kdf = await newKdfParams(args.kdf);
  const kek = await passwordKek(args, kdf);
  try {
    return { kdf, wrappedKey: await wrapKey(kek, PASSWORD_KEY_ID, args.vaultKey, passwordContext(args.accountId)) };
  } finally {
    await wipe(kek);
  }
}

/**
 * Opens the password wrap. The stored KDF params are checked against the floor before anything
 * is derived (WeakKdfParamsError); a wrong password gives DecryptionError.
 */
export async function unlockVaultWithPassword(args: {
  accountId: string;
  password: string;
  pepper: Uint8Array;
  pool: Argon2Pool;
  passwordWrap: PasswordWrappedVault;
}): Promise<Uint8Array> {
  assertKdfParamsAboveFloor(args.passwordWrap.kdf);
  const kek = await passwordKek(args, args.passwordWrap.kdf);
  try {
    return await unwrapKey(kek, args.passwordWrap.wrappedKey, passwordContext(args.accountId));
  } finally {
    await wipe(kek);
  }
}

/** Opens the recovery wrap. InvalidRecoveryKeyError for malformed input, DecryptionError for a wrong key. */
export async function unlockVaultWithRecoveryKey(args: {
  accountId: string;
  recoveryKey: string;
  pepper: Uint8Array;
  recoveryWrappedKey: string;
}): Promise<Uint8Array> {
  const kek = await recoveryKek(args.pepper, args.recoveryKey);
  try {
    return await unwrapKey(kek, args.recoveryWrappedKey, recoveryContext(args.accountId));
  } finally {
    await wipe(kek);
  }
}

/** A fresh recovery key and the vault key wrapped under it (signup, or replacing a used recovery key). */
export async function wrapVaultForNewRecoveryKey(args: {
  accountId: string;
  vaultKey: Uint8Array;
  pepper: Uint8Array;
}): Promise<{ recoveryKey: string; recoveryWrappedKey: string }> {
  const recoveryKey = await generateRecoveryKey();
  const kek = await recoveryKek(args.pepper, recoveryKey);
  try {
    const recoveryWrappedKey = await wrapKey(kek, RECOVERY_KEY_ID, args.vaultKey, recoveryContext(args.accountId));
    return { recoveryKey, recoveryWrappedKey };
  } finally {
    await wipe(kek);
  }
}

async function passwordKek(
  args: { password: string; pepper: Uint8Array; pool: Argon2Pool },
  kdf: KdfParams,
): Promise<Uint8Array> {
  const input = await vaultPrehash(args.pepper, args.password);
  try {
    return await args.pool.deriveKey(input, kdf);
  } finally {
    await wipe(input);
  }
}

function passwordContext(accountId: string): AeadContext {
  return { purpose: 'vault-key-password', rowId: accountId, ownerId: accountId };
}

function recoveryContext(accountId: string): AeadContext {
  return { purpose: 'vault-key-recovery', rowId: accountId, ownerId: accountId };
}

// Best effort: JS may have copied the bytes already, but do not leave intermediate keys around.
async function wipe(bytes: Uint8Array): Promise<void> {
  (await getSodium()).memzero(bytes);
}
