import type { FeeType, SessionStatus } from '#haven/ethics';
import {
  isUnreadable,
  toFollowUpResponse,
  type OpenClient,
  type UnreadableItem,
  type UnreadableItemDto,
} from '#haven/clients';
import type {
  SessionCreatedResponseDto,
  SessionResponseDto,
  SessionSummaryDto,
  SessionVersionDto,
} from './dto/session.response.dto.js';
import type { SessionRow } from './records.repository.js';
import type { SessionCreated } from './records.service.js';
import { VERSION_COLUMNS, versionRowId, type SessionRecordVersionEntity } from './session-record-version.entity.js';
import { SESSION_COLUMNS } from './session-record.entity.js';

// A session record between its rows and the API: sealed on write, opened on read, shaped for
// answers. The storage format of `facts_enc` is declared here.

/** What `facts_enc` holds. */
export interface SessionFacts {
  occurredAt: string;
  durationMinutes: number;
  status: SessionStatus;
  feeType: FeeType;
  clientUnderInfluence: boolean;
  clientRegulatedAtClose: boolean;
}

export interface SessionSummaryView extends SessionFacts {
  id: string;
  clientId: string;
  version: number;
  recordedAt: Date;
}

export interface SessionView extends SessionSummaryView {
  notes: string;
  versionRecordedAt: Date;
}

export interface SessionVersionView {
  version: number;
  notes: string;
  reason: string | null;
  recordedAt: Date;
}

export function sealFacts(client: OpenClient, sessionId: string, facts: SessionFacts): Promise<string> {
  return client.cipher.sealJson(SESSION_COLUMNS.facts, sessionId, facts);
}

export function sealNotes(client: OpenClient, sessionId: string, version: number, notes: string): Promise<string> {
  return client.cipher.seal(VERSION_COLUMNS.notes, versionRowId(sessionId, version), notes);
}

export function openNotes(client: OpenClient, sessionId: string, version: number, notesEnc: string): Promise<string> {
  return client.cipher.open(VERSION_COLUMNS.notes, versionRowId(sessionId, version), notesEnc);
}

/** The notes and reason of an amendment (a version after the first). */
export async function sealAmendment(
  client: OpenClient,
  sessionId: string,
  version: number,
  amendment: { notes: string; reason: string },
): Promise<Pick<SessionRecordVersionEntity, 'notesEnc' | 'reasonEnc'>> {
  return {
    notesEnc: await sealNotes(client, sessionId, version, amendment.notes),
    reasonEnc: await client.cipher.seal(VERSION_COLUMNS.reason, versionRowId(sessionId, version), amendment.reason),
  };
}

export async function decryptFacts(client: OpenClient, sessionId: string, factsEnc: string): Promise<SessionFacts> {
  return client.cipher.openJson<SessionFacts>(SESSION_COLUMNS.facts, sessionId, factsEnc);
}

export async function decryptSummary(client: OpenClient, row: SessionRow): Promise<SessionSummaryView> {
  return {
    id: row.id,
    clientId: row.clientId,
    ...(await decryptFacts(client, row.id, row.factsEnc)),
    version: row.version,
    recordedAt: row.createdAt,
  };
}

export async function decryptVersion(client: OpenClient, row: SessionRecordVersionEntity): Promise<SessionVersionView> {
  const rowId = versionRowId(row.sessionId, row.version);
  return {
    version: row.version,
    notes: await client.cipher.open(VERSION_COLUMNS.notes, rowId, row.notesEnc),
    reason: row.reasonEnc === null ? null : await client.cipher.open(VERSION_COLUMNS.reason, rowId, row.reasonEnc),
    recordedAt: row.createdAt,
  };
}

export function toSessionCreatedResponse(created: SessionCreated): SessionCreatedResponseDto {
  return {
    id: created.id,
    status: created.status,
    version: created.version,
    openFollowUps: created.openFollowUps.map(toFollowUpResponse),
  };
}

export function toSessionSummary(view: SessionSummaryView): SessionSummaryDto {
  return {
    id: view.id,
    clientId: view.clientId,
    occurredAt: view.occurredAt,
    durationMinutes: view.durationMinutes,
    status: view.status,
    feeType: view.feeType,
    version: view.version,
    recordedAt: view.recordedAt.toISOString(),
  };
}

/** One item of a session list: a summary, or the id of a session that cannot be decrypted. */
export function toSessionListItem(view: SessionSummaryView | UnreadableItem): SessionSummaryDto | UnreadableItemDto {
  return isUnreadable(view) ? { id: view.id, unreadable: true } : toSessionSummary(view);
}

export function toSessionResponse(view: SessionView): SessionResponseDto {
  return {
    ...toSessionSummary(view),
    notes: view.notes,
    clientUnderInfluence: view.clientUnderInfluence,
    clientRegulatedAtClose: view.clientRegulatedAtClose,
    versionRecordedAt: view.versionRecordedAt.toISOString(),
  };
}

export function toSessionVersion(view: SessionVersionView): SessionVersionDto {
  return { version: view.version, notes: view.notes, reason: view.reason, recordedAt: view.recordedAt.toISOString() };
}
