import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsObject, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { IsText, MayBeAbsent, trim } from '#haven/platform';

const VICTIMS = ['minor', 'elder', 'other_adult'] as const;
const ABUSE = ['current', 'ongoing', 'past'] as const;

export class MandatoryReportDto {
  @ApiProperty({ maxLength: 200, description: 'The agency the report was made to (encrypted).' })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 200)
  agency!: string;

  @ApiProperty({ maxLength: 200, description: 'The reference the agency gave (encrypted).' })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 200)
  reference!: string;

  @ApiProperty({ enum: VICTIMS, description: 'Only the abuse of a minor or an elder is a mandatory report.' })
  @IsIn(VICTIMS)
  victim!: (typeof VICTIMS)[number];

  @ApiProperty({ enum: ABUSE, description: 'Only current or ongoing abuse is a mandatory report.' })
  @IsIn(ABUSE)
  abuse!: (typeof ABUSE)[number];
}

/** Exactly one basis: `releaseId`, `courtOrderReference` or `mandatoryReport` (none: 422). */
export class CreateDisclosureRequestDto {
  @ApiProperty({ maxLength: 200, description: 'Who the information went to (encrypted).' })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 200)
  recipientName!: string;

  @ApiProperty({ maxLength: 5000, description: 'What was disclosed (encrypted).' })
  @IsString()
  @IsText({ multiline: true })
  @Length(1, 5000)
  description!: string;

  @ApiPropertyOptional({ description: "A signed, current release of this client's naming the recipient." })
  @MayBeAbsent()
  @IsUUID()
  releaseId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'The reference of the court order (encrypted).' })
  @MayBeAbsent()
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 200)
  courtOrderReference?: string;

  @ApiPropertyOptional({ type: MandatoryReportDto })
  @MayBeAbsent()
  @IsObject()
  @ValidateNested()
  @Type(() => MandatoryReportDto)
  mandatoryReport?: MandatoryReportDto;
}

export class DisclosureCreatedResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['release', 'court_order', 'mandatory_report'] }) basis!: string;
  @ApiProperty({ enum: ['CONF_RELEASE', 'CONF_DISCLOSURE', 'CONF_MANDATORY_REPORT'] }) rule!: string;
}

export class DisclosureResponseDto extends DisclosureCreatedResponseDto {
  @ApiProperty() recipientName!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ nullable: true, type: String }) releaseId!: string | null;
  @ApiProperty({ nullable: true, type: String }) courtOrderReference!: string | null;
  @ApiProperty({ nullable: true, type: MandatoryReportDto }) mandatoryReport!: MandatoryReportDto | null;
  @ApiProperty({ format: 'date-time' }) disclosedAt!: string;
}

export class DisclosureListResponseDto {
  @ApiProperty({ type: [DisclosureResponseDto] }) items!: unknown[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
