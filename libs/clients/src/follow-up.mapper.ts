import { EthicsRule, type SessionFollowUp } from '#haven/ethics';
import type { OpenClient } from './client-access.js';
import type { FollowUpResponseDto } from './dto/follow-up.response.dto.js';
import { FOLLOW_UP_COLUMNS, type FollowUpEntity } from './follow-up.entity.js';

// A follow-up between its row and the API: sealed on write, opened on read, shaped for answers.

export type FollowUpKind = SessionFollowUp['kind'];

/** A follow-up, decrypted. */
export interface FollowUpView {
  id: string;
  kind: FollowUpKind;
  openedBySessionId: string;
  openedAt: Date;
  addressedAt: Date | null;
  addressedBySessionId: string | null;
  note: string | null;
}

export function sealFollowUpKind(client: OpenClient, id: string, kind: FollowUpKind): Promise<string> {
  return client.cipher.seal(FOLLOW_UP_COLUMNS.kind, id, kind);
}

export function sealAddressedNote(client: OpenClient, id: string, note: string): Promise<string> {
  return client.cipher.seal(FOLLOW_UP_COLUMNS.addressedNote, id, note);
}

export async function decryptFollowUp(client: OpenClient, row: Omit<FollowUpEntity, 'seq'>): Promise<FollowUpView> {
  return {
    id: row.id,
    kind: (await client.cipher.open(FOLLOW_UP_COLUMNS.kind, row.id, row.kindEnc)) as FollowUpKind,
    openedBySessionId: row.openedBySessionId,
    openedAt: row.createdAt,
    addressedAt: row.addressedAt,
    addressedBySessionId: row.addressedBySessionId,
    note:
      row.addressedNoteEnc === null
        ? null
        : await client.cipher.open(FOLLOW_UP_COLUMNS.addressedNote, row.id, row.addressedNoteEnc),
  };
}

export function toFollowUpResponse(view: FollowUpView): FollowUpResponseDto {
  return {
    id: view.id,
    kind: view.kind,
    rule: view.kind === 'influence' ? EthicsRule.SCOPE_INFLUENCE : EthicsRule.PRACTICE_SAFE_CLOSE,
    openedBySessionId: view.openedBySessionId,
    openedAt: view.openedAt.toISOString(),
    addressedAt: view.addressedAt?.toISOString() ?? null,
    addressedBySessionId: view.addressedBySessionId,
    note: view.note,
  };
}
