import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsEmailAddress, IsText, MayBeAbsent, PageQueryDto, trim } from '#haven/platform';
import { IsCertificationDate } from './local-date.validators.js';

export const CERTIFICATION_STATUSES = ['active', 'renewal_due', 'lapsed', 'suspended', 'revoked'] as const;

export class CreateBodyRequestDto {
  @ApiProperty({ example: 'Trauma Coaching Board', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ minimum: 1, maximum: 120, default: 24, description: 'CERT_RENEWAL: 24 months by default.' })
  @IsInt()
  @Min(1)
  @Max(120)
  renewalPeriodMonths!: number;
}

export class CreateCertifierRequestDto {
  @ApiProperty({ maxLength: 254 })
  @Transform(trim)
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ minLength: 12, maxLength: 256 })
  @IsString()
  @Length(12, 256)
  password!: string;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 200)
  displayName!: string;
}

export class CertifyRequestDto {
  @ApiProperty({ description: 'The email of the coach’s Haven account.', maxLength: 254 })
  @Transform(trim)
  @IsEmailAddress()
  coachEmail!: string;

  @ApiProperty({ maxLength: 100 })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 100)
  credentialNumber!: string;

  @ApiProperty({ format: 'date', description: 'When the first cycle started: not in the future.' })
  @IsCertificationDate({ notAfterToday: true })
  issuedOn!: string;
}

export class ReviewCaseRequestDto {
  @ApiProperty({ maxLength: 5000, description: 'Why: about the coach’s certification, never client data.' })
  @IsString()
  @IsText({ multiline: true })
  @Length(1, 5000)
  reason!: string;
}

export class CertificationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CERTIFICATION_STATUSES })
  @MayBeAbsent()
  @IsIn(CERTIFICATION_STATUSES)
  status?: (typeof CERTIFICATION_STATUSES)[number];
}

export class EthicsReviewRequestDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 200)
  courseName!: string;

  @ApiProperty({ format: 'date', description: 'Not in the future.' })
  @IsCertificationDate({ notAfterToday: true })
  completedOn!: string;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 200)
  certificateId!: string;
}

export class AuditSampleRequestDto {
  @ApiProperty({ minimum: 1, maximum: 100, description: 'Share of the population to draw, rounded up.' })
  @IsInt()
  @Min(1)
  @Max(100)
  percent!: number;

  @ApiProperty({
    minimum: 1,
    maximum: 730,
    description: 'The population: coaches whose cycle expires within this many days.',
  })
  @IsInt()
  @Min(1)
  @Max(730)
  expiringWithinDays!: number;

  @ApiProperty({ format: 'date', description: 'When the evidence is due: after today.' })
  @IsCertificationDate({ afterToday: true })
  evidenceDueOn!: string;
}

export class AuditAnswerRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  coachId!: string;
}
