import type { DecryptionError } from '#haven/crypto';
import type { ClientStatus } from '#haven/ethics';
import { HavenException } from '#haven/platform';
import type { ClientStatusEvent } from './client-status.js';

export enum ClientsErrorCode {
  RECORD_UNREADABLE = 'RECORD_UNREADABLE',
  FOLLOW_UP_NOT_OPEN = 'FOLLOW_UP_NOT_OPEN',
  CLIENT_STATUS_CONFLICT = 'CLIENT_STATUS_CONFLICT',
}

// RECORD_UNREADABLE is 422, not 409 or 500: the request was fine and nothing conflicts, but the
// stored record it names cannot be processed (altered or moved in the database). See docs/decisions.md.
const statusByCode: Record<ClientsErrorCode, number> = {
  [ClientsErrorCode.RECORD_UNREADABLE]: 422,
  [ClientsErrorCode.FOLLOW_UP_NOT_OPEN]: 409,
  [ClientsErrorCode.CLIENT_STATUS_CONFLICT]: 409,
};

const defaultMessage: Record<ClientsErrorCode, string> = {
  [ClientsErrorCode.RECORD_UNREADABLE]: 'A stored record cannot be decrypted.',
  [ClientsErrorCode.FOLLOW_UP_NOT_OPEN]: 'This follow-up is not open: it was already addressed.',
  [ClientsErrorCode.CLIENT_STATUS_CONFLICT]: "This change does not fit the client's current status.",
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

const eventWording: Record<ClientStatusEvent, string> = {
  referral_recorded: 'record a referral for',
  engagement_ended: 'end the engagement with',
  engagement_paused: 'pause the engagement with',
  engagement_resumed: 'resume the engagement with',
};

/** An illegal move of the engagement's state machine: 409 naming the status and the move. */
export class ClientStatusConflictException extends ClientsException {
  constructor(status: ClientStatus, event: ClientStatusEvent) {
    super(
      ClientsErrorCode.CLIENT_STATUS_CONFLICT,
      `You cannot ${eventWording[event]} a client whose status is "${status}".` +
        (status === 'referred' || status === 'ended'
          ? ' The engagement is closed; its records stay readable and exportable.'
          : ''),
    );
  }
}
