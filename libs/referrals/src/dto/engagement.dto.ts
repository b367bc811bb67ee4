import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsText, MayBeAbsent } from '#haven/platform';

const lowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value);

export class CreateReferralRequestDto {
  @ApiProperty({ description: "A provider from the coach's own list whose vetting is current." })
  @Transform(lowerCase)
  @IsUUID('all', { message: 'providerId must be a provider id (a UUID)' })
  providerId!: string;

  @ApiProperty({ maxLength: 10000, description: 'Why the client is referred (encrypted under the client key).' })
  @IsString()
  @IsText({ multiline: true })
  @Length(1, 10000)
  reason!: string;
}

/**
 * Ending an engagement. A missing explanation or referral is not a 400 but the ethics refusal
 * 422 ETHICS_PRACTICE_NO_ABANDON; a present one must be well formed.
 */
export class EndEngagementRequestDto {
  @ApiPropertyOptional({
    maxLength: 10000,
    description: 'The written explanation for the client (required by PRACTICE_NO_ABANDON; encrypted).',
  })
  @MayBeAbsent()
  @IsString()
  @MaxLength(10000)
  @IsText({ multiline: true })
  explanation?: string;

  @ApiPropertyOptional({ description: 'A vetted provider from the coach’s list (required by PRACTICE_NO_ABANDON).' })
  @MayBeAbsent()
  @Transform(lowerCase)
  @IsUUID('all', { message: 'referralProviderId must be a provider id (a UUID)' })
  referralProviderId?: string;

  @ApiPropertyOptional({
    enum: ['transfer_to_therapy'],
    description:
      'SCOPE_CRISIS: the referral must then be to a therapist or a psychiatrist (else 422 ETHICS_SCOPE_CRISIS).',
  })
  @MayBeAbsent()
  @IsIn(['transfer_to_therapy'], { message: 'reason must be "transfer_to_therapy" when given' })
  reason?: 'transfer_to_therapy';
}

export class PracticeEndingDto extends EndEngagementRequestDto {
  @ApiProperty()
  @Transform(lowerCase)
  @IsUUID('all', { message: 'clientId must be a client id (a UUID)' })
  clientId!: string;
}

export class ClosePracticeRequestDto {
  @ApiProperty({ type: [PracticeEndingDto], maxItems: 100 })
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PracticeEndingDto)
  endings!: PracticeEndingDto[];
}

export class ReferralCreatedResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: "The client's status after the referral, e.g. `referred`." }) status!: string;
}

export class ReferralResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() providerId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'True for the referral an ending made.' }) madeByEnding!: boolean;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class ReferralListResponseDto {
  @ApiProperty({ type: [ReferralResponseDto] }) items!: ReferralResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ClientStatusResponseDto {
  @ApiProperty({ enum: ['active', 'paused', 'referral_required', 'referred', 'ended'] }) status!: string;
}

export class OpenClientDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['active', 'paused', 'referral_required'] }) status!: string;
}

export class ClosePracticePreviewResponseDto {
  @ApiProperty({ type: [OpenClientDto], description: 'Every client whose engagement is still open.' })
  stillOpen!: OpenClientDto[];
}

export class RefusedEndingDto {
  @ApiProperty() clientId!: string;
  @ApiProperty() statusCode!: number;
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class ClosePracticeResponseDto {
  @ApiProperty({ type: [String] }) ended!: string[];
  @ApiProperty({ type: [String], description: 'Every active, paused or referral-required client still open.' })
  stillOpen!: string[];
  @ApiProperty({ type: [RefusedEndingDto], description: 'Listed clients not ended, each with why (nothing stored).' })
  refused!: RefusedEndingDto[];
}
