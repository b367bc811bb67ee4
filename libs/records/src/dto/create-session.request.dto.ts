import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import type { FeeType } from '#haven/ethics';
import { IsText, MayBeAbsent } from '#haven/platform';
import { IsInstant, IsNotBeforeEarliestSession, IsNotInFuture } from './instant.validators.js';

export const FEE_TYPES: FeeType[] = ['standard', 'sliding_scale', 'pro_bono'];
export const MAX_NOTES_LENGTH = 100_000;

export class CreateSessionRequestDto {
  @ApiProperty({
    format: 'date-time',
    example: '2026-03-02T14:00:00Z',
    description: 'When the session took place: not in the future, not before 1970-01-01T00:00:00Z.',
  })
  @IsInstant()
  @IsNotBeforeEarliestSession()
  @IsNotInFuture()
  occurredAt!: string;

  @ApiProperty({ minimum: 1, maximum: 1440 })
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes!: number;

  @ApiProperty({ maxLength: MAX_NOTES_LENGTH, description: 'Encrypted with the client key.' })
  @IsString()
  @IsText({ multiline: true })
  @Length(1, MAX_NOTES_LENGTH)
  notes!: string;

  @ApiProperty({
    description: 'SCOPE_INFLUENCE: true stores the session as `rescheduled` and opens an `influence` follow-up.',
  })
  @IsBoolean()
  clientUnderInfluence!: boolean;

  @ApiProperty({ description: 'PRACTICE_SAFE_CLOSE: false opens a `safety` follow-up.' })
  @IsBoolean()
  clientRegulatedAtClose!: boolean;

  @ApiPropertyOptional({
    enum: FEE_TYPES,
    default: 'standard',
    description: 'PRACTICE_GIVE_BACK; missing means `standard`.',
  })
  @MayBeAbsent()
  @IsIn(FEE_TYPES)
  feeType?: FeeType;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 20,
    description:
      'Open follow-ups of this client that this session addressed (e.g. the `influence` follow-up of the ' +
      'rescheduled session before it). They are marked addressed by this session; any that is not open is 409 FOLLOW_UP_NOT_OPEN.',
  })
  @MayBeAbsent()
  // A UUID names the same follow-up in either case; stored ids are lower case.
  @Transform(({ value }) =>
    Array.isArray(value) ? value.map((id) => (typeof id === 'string' ? id.toLowerCase() : id)) : value,
  )
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  addressesFollowUpIds?: string[];
}
