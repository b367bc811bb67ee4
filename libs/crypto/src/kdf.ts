import { WeakKdfParamsError } from './crypto.errors.js';
import { fromBase64Url, toBase64Url } from './encoding.js';
import { randomBytesFor } from './random.js';

const SALT_BYTES = 16; // crypto_pwhash_SALTBYTES

/** Argon2id parameters, stored beside the key they derived. */
export interface KdfParams {
  alg: 'argon2id13';
  opsLimit: number;
  memLimitBytes: number;
  /** base64url, 16 bytes */
  salt: string;
}

/** The weakest parameters we derive with or accept on read: ops 2 / 64 MiB (libsodium INTERACTIVE). */
export const KDF_FLOOR = Object.freeze({ opsLimit: 2, memLimitBytes: 67108864 } as const);

/**
 * The strongest parameters accepted on read: whoever can write a row must not be able to make one
 * login tie up a worker thread for minutes or exhaust memory.
 */
export const KDF_CEILING = Object.freeze({ opsLimit: 16, memLimitBytes: 1024 * 1024 * 1024 } as const);

/** What new wraps use unless told otherwise: currently the floor (≈ 135 ms here). */
export const KDF_DEFAULTS = Object.freeze({ opsLimit: 2, memLimitBytes: 64 * 1024 * 1024 });

/**
 * Refuses parameters an attacker (or an old bug) could have written to make derivation cheap:
 * another algorithm, ops or memory below KDF_FLOOR (or above KDF_CEILING, which would make a login
 * a denial of service), non-integers, or a salt that is not 16 bytes.
 * Throws WeakKdfParamsError.
 */
export function assertKdfParamsAboveFloor(p: KdfParams): void {
  if (p?.alg !== 'argon2id13') throw new WeakKdfParamsError('KDF algorithm must be argon2id13');
  if (!Number.isSafeInteger(p.opsLimit) || p.opsLimit < KDF_FLOOR.opsLimit) {
    throw new WeakKdfParamsError(`KDF opsLimit must be an integer >= ${KDF_FLOOR.opsLimit}`);
  }
  if (!Number.isSafeInteger(p.memLimitBytes) || p.memLimitBytes < KDF_FLOOR.memLimitBytes) {
    throw new WeakKdfParamsError(`KDF memLimitBytes must be an integer >= ${KDF_FLOOR.memLimitBytes}`);
  }
  if (p.opsLimit > KDF_CEILING.opsLimit || p.memLimitBytes > KDF_CEILING.memLimitBytes) {
    throw new WeakKdfParamsError(
      `KDF parameters above the ceiling (ops ${KDF_CEILING.opsLimit}, ${KDF_CEILING.memLimitBytes} bytes) are refused`,
    );
  }
  if (saltLength(p.salt) !== SALT_BYTES) throw new WeakKdfParamsError(`KDF salt must be ${SALT_BYTES} bytes base64url`);
}

/** Fresh parameters with a random salt; defaults to KDF_DEFAULTS and refuses anything below the floor. */
export async function newKdfParams(opts: { opsLimit?: number; memLimitBytes?: number } = {}): Promise<KdfParams> {
  const params: KdfParams = {
    alg: 'argon2id13',
    opsLimit: opts.opsLimit ?? KDF_DEFAULTS.opsLimit,
    memLimitBytes: opts.memLimitBytes ?? KDF_DEFAULTS.memLimitBytes,
    salt: toBase64Url(randomBytesFor(SALT_BYTES)),
  };
  assertKdfParamsAboveFloor(params);
  return params;
}

function saltLength(salt: unknown): number {
  if (typeof salt !== 'string') return -1;
  try {
    return fromBase64Url(salt).length;
  } catch {
    return -1;
  }
}
