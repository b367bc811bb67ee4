// The public surface of #haven/crypto. Everything else in this folder is private.
export { getSodium } from './sodium.js';
export {
  DecryptionError,
  InvalidBase64Error,
  InvalidRecoveryKeyError,
  WeakKdfParamsError,
  type DecryptionFailure,
} from './crypto.errors.js';
export { fromBase64, fromBase64Url, toBase64, toBase64Url } from './encoding.js';
export { parseEncString, type EncString } from './enc-string.js';
export { decrypt, decryptText, encrypt, generateKey, type AeadContext } from './aead.js';
export { unwrapKey, wrapKey } from './key-wrap.js';
export { loginPrehash, vaultPrehash } from './password-prehash.js';
export {
  KDF_CEILING,
  KDF_DEFAULTS,
  KDF_FLOOR,
  assertKdfParamsAboveFloor,
  newKdfParams,
  type KdfParams,
} from './kdf.js';
export { Argon2Pool } from './argon2-pool.js';
export { generateRecoveryKey, normalizeRecoveryKey, recoveryKek } from './recovery-key.js';
export {
  createVault,
  unlockVaultWithPassword,
  unlockVaultWithRecoveryKey,
  wrapVaultForNewRecoveryKey,
  wrapVaultForPassword,
  type NewVault,
  type PasswordWrappedVault,
} from './vault.js';
export { newSessionSecret, unwrapVaultKeyFromSession, wrapVaultKeyForSession } from './session-wrap.js';
export { generateSealKeyPair, sealKeyPairFromSeed, signDetached, verifyDetached } from './seal.js';
export { randomToken } from './random.js';
