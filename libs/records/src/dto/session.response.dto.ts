import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { FollowUpResponseDto, UnreadableItemDto } from '#haven/clients';
import type { FeeType, SessionStatus } from '#haven/ethics';
import { FEE_TYPES } from './create-session.request.dto.js';

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

@ApiExtraModels(SessionSummaryDto, UnreadableItemDto)
export class SessionListResponseDto {
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(SessionSummaryDto) }, { $ref: getSchemaPath(UnreadableItemDto) }] },
    description:
      'Newest recorded first. A session whose row cannot be decrypted is listed as `{ id, unreadable: true }`.',
  })
  items!: (SessionSummaryDto | UnreadableItemDto)[];
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
