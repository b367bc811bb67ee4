import { NotFoundException } from '#haven/platform';

/**
 * Records has no error of its own beyond "no such session record": ethics refusals are
 * EthicsRefusalException, unreadable ciphertexts RecordUnreadableException (#haven/clients).
 */
export class SessionNotFoundException extends NotFoundException {
  constructor() {
    super('session record');
  }
}
