import { decryptText, encrypt } from '#haven/crypto';
import { type ProviderKind, vettingCurrent, vettingDueOn } from '#haven/ethics';
import type { CoachScope } from '#haven/clients';
import type { ProviderResponseDto, ProviderVettingResponseDto } from './dto/provider.response.dto.js';
import { PROVIDER_COLUMNS, type ProviderEntity, type ProviderVettingEntity } from './provider.entity.js';

// A provider between its rows and the API: vetting notes sealed under the vault key on write,
// opened on read; due day and currency computed from the latest vetting and the coach's period.

const VAULT_KEY_ID = 'vk1';

export interface ProviderView {
  id: string;
  name: string;
  kind: ProviderKind;
  organization: string | null;
  contact: string;
  specialties: string[];
  lastVettedOn: string;
  vettingDueOn: string;
  vettingCurrent: boolean;
  archivedAt: Date | null;
  createdAt: Date;
}

export interface VettingView {
  id: string;
  vettedOn: string;
  notes: string;
  recordedAt: Date;
}

/** When the latest vetting runs out and whether it is current today, under the coach's period. */
export function vettingStatus(lastVettedOn: string, months: number, today: string) {
  return {
    vettingDueOn: vettingDueOn(lastVettedOn, months),
    vettingCurrent: vettingCurrent(lastVettedOn, today, months),
  };
}

export function toProviderView(row: ProviderEntity, months: number, today: string): ProviderView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    organization: row.organization,
    contact: row.contact,
    specialties: row.specialties,
    lastVettedOn: row.lastVettedOn,
    ...vettingStatus(row.lastVettedOn, months, today),
    archivedAt: row.archivedAt,
    createdAt: row.createdAt,
  };
}

export function sealVettingNotes(scope: CoachScope, vettingId: string, notes: string): Promise<string> {
  return encrypt(scope.vaultKey, VAULT_KEY_ID, notes, notesContext(scope, vettingId));
}

export async function decryptVetting(scope: CoachScope, row: ProviderVettingEntity): Promise<VettingView> {
  return {
    id: row.id,
    vettedOn: row.vettedOn,
    notes: await decryptText(scope.vaultKey, row.notesEnc, notesContext(scope, row.id)),
    recordedAt: row.createdAt,
  };
}

function notesContext(scope: CoachScope, vettingId: string) {
  return { purpose: PROVIDER_COLUMNS.vettingNotes, rowId: vettingId, ownerId: scope.coachId };
}

export function toProviderResponse(view: ProviderView): ProviderResponseDto {
  return {
    id: view.id,
    name: view.name,
    kind: view.kind,
    organization: view.organization,
    contact: view.contact,
    specialties: view.specialties,
    lastVettedOn: view.lastVettedOn,
    vettingDueOn: view.vettingDueOn,
    vettingCurrent: view.vettingCurrent,
    archived: view.archivedAt !== null,
    archivedAt: view.archivedAt?.toISOString() ?? null,
    createdAt: view.createdAt.toISOString(),
  };
}

export function toVettingResponse(view: VettingView): ProviderVettingResponseDto {
  return { id: view.id, vettedOn: view.vettedOn, notes: view.notes, recordedAt: view.recordedAt.toISOString() };
}
