import { HavenException } from '#haven/platform';

export enum IdentityErrorCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  INVALID_RECOVERY = 'INVALID_RECOVERY',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  WEAK_PASSWORD = 'WEAK_PASSWORD',
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
  SESSION_EXPIRED = 'SESSION_EXPIRED',
  VAULT_UNAVAILABLE = 'VAULT_UNAVAILABLE',
  LOGIN_SESSIONS_UNAVAILABLE = 'LOGIN_SESSIONS_UNAVAILABLE',
}

const statusByCode: Record<IdentityErrorCode, number> = {
  [IdentityErrorCode.INVALID_CREDENTIALS]: 401,
  [IdentityErrorCode.INVALID_RECOVERY]: 401,
  [IdentityErrorCode.EMAIL_TAKEN]: 409,
  [IdentityErrorCode.WEAK_PASSWORD]: 400,
  [IdentityErrorCode.TOO_MANY_ATTEMPTS]: 429,
  [IdentityErrorCode.SESSION_EXPIRED]: 401,
  [IdentityErrorCode.VAULT_UNAVAILABLE]: 403,
  [IdentityErrorCode.LOGIN_SESSIONS_UNAVAILABLE]: 503,
};

const defaultMessage: Record<IdentityErrorCode, string> = {
  [IdentityErrorCode.INVALID_CREDENTIALS]: 'The email or password is not correct.',
  [IdentityErrorCode.INVALID_RECOVERY]: 'The email or recovery key is not correct.',
  [IdentityErrorCode.EMAIL_TAKEN]: 'An account with this email already exists.',
  [IdentityErrorCode.WEAK_PASSWORD]: 'The password is too weak.',
  [IdentityErrorCode.TOO_MANY_ATTEMPTS]: 'Too many failed attempts. Wait and try again later.',
  [IdentityErrorCode.SESSION_EXPIRED]: 'Your session has ended. Log in again.',
  [IdentityErrorCode.VAULT_UNAVAILABLE]: 'Only a coach has a vault of client records.',
  [IdentityErrorCode.LOGIN_SESSIONS_UNAVAILABLE]: 'Sign-in is unavailable for a moment. Try again shortly.',
};

export class IdentityException extends HavenException {
  constructor(code: IdentityErrorCode, message = defaultMessage[code], headers: Record<string, string> = {}) {
    super(statusByCode[code], code, message, headers);
  }
}

/** An error's class and message only: never its parameters or the values it was given. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'a non-Error value was thrown';
}
