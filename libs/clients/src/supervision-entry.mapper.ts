import type { OpenClient } from './client-access.js';
import type { SupervisionEntryResponseDto } from './dto/supervision.dto.js';
import { SUPERVISION_COLUMNS, type SupervisionEntryEntity } from './supervision-entry.entity.js';

// A supervision entry between its row and the API: sealed on write, opened on read, shaped for answers.

export interface SupervisionEntryView {
  id: string;
  supervisedOn: string;
  supervisor: string;
  notes: string;
  recordedAt: Date;
}

export async function sealSupervisionEntry(
  { cipher }: OpenClient,
  id: string,
  entry: Pick<SupervisionEntryView, 'supervisedOn' | 'supervisor' | 'notes'>,
): Promise<Pick<SupervisionEntryEntity, 'supervisedOnEnc' | 'supervisorEnc' | 'notesEnc'>> {
  return {
    supervisedOnEnc: await cipher.seal(SUPERVISION_COLUMNS.supervisedOn, id, entry.supervisedOn),
    supervisorEnc: await cipher.seal(SUPERVISION_COLUMNS.supervisor, id, entry.supervisor),
    notesEnc: await cipher.seal(SUPERVISION_COLUMNS.notes, id, entry.notes),
  };
}

export async function decryptSupervisionEntry(
  client: OpenClient,
  row: SupervisionEntryEntity,
): Promise<SupervisionEntryView> {
  const { cipher } = client;
  return {
    id: row.id,
    supervisedOn: await cipher.open(SUPERVISION_COLUMNS.supervisedOn, row.id, row.supervisedOnEnc),
    supervisor: await cipher.open(SUPERVISION_COLUMNS.supervisor, row.id, row.supervisorEnc),
    notes: await cipher.open(SUPERVISION_COLUMNS.notes, row.id, row.notesEnc),
    recordedAt: row.createdAt,
  };
}

export function toSupervisionEntryResponse(view: SupervisionEntryView): SupervisionEntryResponseDto {
  return {
    id: view.id,
    supervisedOn: view.supervisedOn,
    supervisor: view.supervisor,
    notes: view.notes,
    recordedAt: view.recordedAt.toISOString(),
  };
}
