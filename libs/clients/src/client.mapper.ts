import type { ClientStatus } from '#haven/ethics';
import type { ClientCipher } from './client-cipher.js';
import type { OpenClient } from './client-access.js';
import { CLIENT_COLUMNS, type ClientEntity } from './client.entity.js';
import type { ClientResponseDto, ClientSummaryDto } from './dto/client.response.dto.js';
import type { UnreadableItemDto } from './dto/unreadable-item.response.dto.js';
import { toFollowUpResponse, type FollowUpView } from './follow-up.mapper.js';
import { isUnreadable, type UnreadableItem } from './unreadable-item.js';

// The client aggregate between its row and the API: what is sealed on write, opened on read, and
// how it is shaped in answers. The storage formats of its JSON columns are declared here.

/** What `screening_enc` holds: the intake screening answers. */
export interface IntakeScreening {
  activelySuicidal: boolean;
  activeAddiction: boolean;
  activeSelfHarm: boolean;
  outsideCompetence: boolean;
}

/** A client, decrypted. */
export interface ClientView {
  id: string;
  fullName: string;
  email: string;
  dateOfBirth: string;
  status: ClientStatus;
  screening: IntakeScreening;
  supervisionSought: boolean;
  createdAt: Date;
}

type SealedClientColumns = Pick<
  ClientEntity,
  'fullNameEnc' | 'emailEnc' | 'dateOfBirthEnc' | 'screeningEnc' | 'supervisionSoughtEnc'
>;

/** The encrypted columns of a new client, sealed under its new key. */
export async function sealNewClient(
  cipher: ClientCipher,
  id: string,
  fields: { fullName: string; email: string; dateOfBirth: string; screening: IntakeScreening },
): Promise<SealedClientColumns> {
  return {
    fullNameEnc: await cipher.seal(CLIENT_COLUMNS.fullName, id, fields.fullName),
    emailEnc: await cipher.seal(CLIENT_COLUMNS.email, id, fields.email),
    dateOfBirthEnc: await cipher.seal(CLIENT_COLUMNS.dateOfBirth, id, fields.dateOfBirth),
    screeningEnc: await cipher.sealJson(CLIENT_COLUMNS.screening, id, fields.screening),
    supervisionSoughtEnc: await cipher.sealJson(CLIENT_COLUMNS.supervisionSought, id, false),
  };
}

/** One line of the client list. */
export type ClientSummaryView = Pick<ClientView, 'id' | 'fullName' | 'status'>;

/** One line of the client list: the name is the only field opened. */
export async function decryptClientSummary(row: ClientEntity, { cipher }: OpenClient): Promise<ClientSummaryView> {
  return {
    id: row.id,
    fullName: await cipher.open(CLIENT_COLUMNS.fullName, row.id, row.fullNameEnc),
    status: row.status,
  };
}

export async function decryptClient(row: ClientEntity, { cipher }: OpenClient): Promise<ClientView> {
  return {
    id: row.id,
    fullName: await cipher.open(CLIENT_COLUMNS.fullName, row.id, row.fullNameEnc),
    email: await cipher.open(CLIENT_COLUMNS.email, row.id, row.emailEnc),
    dateOfBirth: await cipher.open(CLIENT_COLUMNS.dateOfBirth, row.id, row.dateOfBirthEnc),
    status: row.status,
    screening: await cipher.openJson<IntakeScreening>(CLIENT_COLUMNS.screening, row.id, row.screeningEnc),
    supervisionSought: await cipher.openJson<boolean>(
      CLIENT_COLUMNS.supervisionSought,
      row.id,
      row.supervisionSoughtEnc,
    ),
    createdAt: row.createdAt,
  };
}

export function toClientSummary(view: ClientSummaryView | UnreadableItem): ClientSummaryDto | UnreadableItemDto {
  if (isUnreadable(view)) return { id: view.id, unreadable: true };
  return { id: view.id, fullName: view.fullName, status: view.status };
}

export function toClientResponse(view: ClientView, openFollowUps: FollowUpView[]): ClientResponseDto {
  return {
    id: view.id,
    fullName: view.fullName,
    email: view.email,
    dateOfBirth: view.dateOfBirth,
    status: view.status,
    supervisionSought: view.supervisionSought,
    openFollowUps: openFollowUps.map(toFollowUpResponse),
  };
}
