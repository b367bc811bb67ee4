import type { Logger } from '@nestjs/common';
import { DecryptionError } from '#haven/crypto';

/** A list item whose stored ciphertext could not be decrypted: listed by id only, and marked. */
export interface UnreadableItem {
  id: string;
  unreadable: true;
}

/**
 * One list item, decrypted; or, when its row cannot be decrypted (damaged or tampered), the item
 * marked unreadable, so one damaged row does not hide the rest of the list. The row's own route
 * still answers 422 RECORD_UNREADABLE. The log names row, column and key id only (DecryptionError's
 * message carries no secret and no plaintext).
 */
export async function decryptOrMarkUnreadable<Item>(
  id: string,
  decrypt: () => Promise<Item>,
  logger: Logger,
): Promise<Item | UnreadableItem> {
  try {
    return await decrypt();
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    logger.warn(`unreadable record listed as unreadable: ${error.message}`);
    return { id, unreadable: true };
  }
}

export function isUnreadable<Item extends object>(item: Item | UnreadableItem): item is UnreadableItem {
  return 'unreadable' in item;
}
