// Every error here is safe to log: messages name what failed, never key material, passwords,
// recovery keys or plaintext.

/** Which ciphertext failed: enough to find it, nothing secret. */
export interface DecryptionFailure {
  keyId: string;
  purpose: string;
  rowId: string;
}

/**
 * A ciphertext could not be read: wrong key, tampered bytes, moved to another row, or a malformed
 * EncString. The message names purpose, row id and key id only.
 */
export class DecryptionError extends Error {
  override name = 'DecryptionError';
  readonly keyId: string;
  readonly purpose: string;
  readonly rowId: string;
  /** Why, in words that carry no secret: "authentication failed", "malformed EncString: ...". */
  readonly reason: string;

  constructor(failure: DecryptionFailure, reason: string) {
    super(`cannot decrypt ${failure.purpose} of row ${failure.rowId} with key ${failure.keyId}: ${reason}`);
    this.keyId = failure.keyId;
    this.purpose = failure.purpose;
    this.rowId = failure.rowId;
    this.reason = reason;
  }
}

/** Argon2id parameters that are not argon2id13, are below KDF_FLOOR, or carry a bad salt. */
export class WeakKdfParamsError extends Error {
  override name = 'WeakKdfParamsError';
}

/** Text that is not a recovery key (32 RFC 4648 base32 characters once spaces and dashes go). */
export class InvalidRecoveryKeyError extends Error {
  override name = 'InvalidRecoveryKeyError';
}

/** Text that is not canonical base64 / base64url. */
export class InvalidBase64Error extends Error {
  override name = 'InvalidBase64Error';
}
