import type { DecryptionError } from '#haven/crypto';
import { HavenException } from '#haven/platform';

export enum ClientsErrorCode {
  RECORD_UNREADABLE = 'RECORD_UNREADABLE',
  FOLLOW_UP_NOT_OPEN = 'FOLLOW_UP_NOT_OPEN',
}

// RECORD_UNREADABLE is 422, not 409 or 500: the request was fine and nothing conflicts, but the
// stored record it names cannot be processed (altered or moved in the database). See docs/decisions.md.
const statusByCode: Record<ClientsErrorCode, number> = {
  [ClientsErrorCode.RECORD_UNREADABLE]: 422,
  [ClientsErrorCode.FOLLOW_UP_NOT_OPEN]: 409,
};

const defaultMessage: Record<ClientsErrorCode, string> = {
  [ClientsErrorCode.RECORD_UNREADABLE]: 'A stored record cannot be decrypted.',
  [ClientsErrorCode.FOLLOW_UP_NOT_OPEN]: 'This follow-up is not open: it was already addressed.',
};

export class ClientsException extends HavenException {
  constructor(code: ClientsErrorCode, message = defaultMessage[code]) {
    super(statusByCode[code], code, message);
  }
}

/** A ciphertext that does not open: names the record and column, never a key or any content. */
export class RecordUnreadableException extends ClientsException {
  constructor(failure: DecryptionError) {
    super(
      ClientsErrorCode.RECORD_UNREADABLE,
      `Record ${failure.rowId} cannot be decrypted (${failure.purpose}): its stored data was altered, damaged or moved ` +
        'in the database. Nothing was changed; give this record id to support.',
    );
  }
}
