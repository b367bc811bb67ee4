import { ApiProperty } from '@nestjs/swagger';
import { FollowUpResponseDto, toFollowUpResponse, type FollowUpView } from '#haven/clients';
import type { FeeType, SessionStatus } from '#haven/ethics';
import { FEE_TYPES } from './create-session.request.dto.js';

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

export class SessionCreatedResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['held', 'rescheduled'] }) status!: SessionStatus;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({
    type: [FollowUpResponseDto],
    description:
      "The client's open follow-ups after this session, including any it opened (SCOPE_INFLUENCE, PRACTICE_SAFE_CLOSE).",
  })
  openFollowUps!: FollowUpResponseDto[];
}

export class SessionSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({ enum: ['held', 'rescheduled'] }) status!: SessionStatus;
  @ApiProperty({ enum: FEE_TYPES }) feeType!: FeeType;
  @ApiProperty({ description: 'The latest version number.' }) version!: number;
  @ApiProperty({ format: 'date-time', description: 'When the session was first recorded.' }) recordedAt!: string;
}

export class SessionListResponseDto {
  @ApiProperty({ type: [SessionSummaryDto], description: 'Newest recorded first.' }) items!: SessionSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class SessionResponseDto extends SessionSummaryDto {
  @ApiProperty({ description: 'The notes of the latest version.' }) notes!: string;
  @ApiProperty() clientUnderInfluence!: boolean;
  @ApiProperty() clientRegulatedAtClose!: boolean;
  @ApiProperty({ format: 'date-time', description: 'When the latest version was recorded.' })
  versionRecordedAt!: string;
}

export class AmendmentResponseDto {
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class SessionVersionDto {
  @ApiProperty() version!: number;
  @ApiProperty() notes!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null for version 1, the record as first written.' })
  reason!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class SessionVersionListResponseDto {
  @ApiProperty({ type: [SessionVersionDto], description: 'Version 1 first.' }) items!: SessionVersionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toSessionCreatedResponse(created: {
  id: string;
  status: SessionStatus;
  version: number;
  openFollowUps: FollowUpView[];
}): SessionCreatedResponseDto {
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
