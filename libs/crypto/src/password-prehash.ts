import { pepperKey } from './pepper.js';
import { getSodium } from './sodium.js';

const VAULT_DOMAIN = 'haven-vault-kek|v1|';

/**
 * What bcrypt hashes at login: base64 (standard, padded, 44 chars) of
 * HMAC-SHA-256(pepper, NFC(password)). Fixed length, so bcrypt's 72-byte truncation no longer
 * cuts long passwords, and a database dump cannot be brute-forced without the pepper.
 * A pepper longer than 32 bytes is first reduced to 32 with crypto_generichash (see pepperKey).
 */
export async function loginPrehash(pepper: Uint8Array, password: string): Promise<string> {
  const sodium = await getSodium();
  const mac = sodium.crypto_auth_hmacsha256(password.normalize('NFC'), await pepperKey(pepper));
  return sodium.to_base64(mac, sodium.base64_variants.ORIGINAL);
}

/**
 * The input to Argon2id for the vault key-encryption key:
 * HMAC-SHA-256(pepper, 'haven-vault-kek|v1|' + NFC(password)), domain-separated from loginPrehash.
 */
export async function vaultPrehash(pepper: Uint8Array, password: string): Promise<Uint8Array> {
  const sodium = await getSodium();
  return sodium.crypto_auth_hmacsha256(VAULT_DOMAIN + password.normalize('NFC'), await pepperKey(pepper));
}
