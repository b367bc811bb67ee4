import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { EARLIEST_LOCAL_DATE, IsLocalDate, IsNotAfterToday, IsOnOrAfter } from '#haven/clients';
import { PROVIDER_KINDS, type ProviderKind } from '#haven/ethics';
import { IsText, MayBeAbsent, trim } from '#haven/platform';

/** When the coach vetted the provider: a calendar date, not in the future, not before 1900. */
function VettedOn(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ format: 'date', description: 'When the coach vetted them: not in the future.' }),
    IsLocalDate(),
    IsOnOrAfter(EARLIEST_LOCAL_DATE),
    IsNotAfterToday(),
  );
}

/** What the coach checked when vetting: multi-line text, encrypted under the vault key. */
function VettingNotes(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ maxLength: 10000, description: 'What the coach checked (encrypted under the vault key).' }),
    IsString(),
    IsText({ multiline: true }),
    Length(1, 10000),
  );
}

const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value;

export class CreateProviderRequestDto {
  @ApiProperty({ maxLength: 200, example: 'Dr. Alex Morgan' })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: PROVIDER_KINDS })
  @IsIn(PROVIDER_KINDS, { message: `kind must be one of: ${PROVIDER_KINDS.join(', ')}` })
  kind!: ProviderKind;

  @ApiPropertyOptional({ maxLength: 200, description: 'The practice, clinic or service, if any.' })
  @MayBeAbsent()
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 200)
  organization?: string;

  @ApiProperty({ maxLength: 500, description: 'How to reach them: phone, address, web page.' })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 500)
  contact!: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'What they are good at, e.g. "EMDR".' })
  @MayBeAbsent()
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsText({}, { each: true })
  @Length(1, 100, { each: true })
  specialties?: string[];

  @VettedOn()
  vettedOn!: string;

  @VettingNotes()
  vettingNotes!: string;
}

export class AddVettingRequestDto {
  @VettedOn()
  vettedOn!: string;

  @VettingNotes()
  notes!: string;
}

const PERIOD_MESSAGE = 'vettingPeriodMonths must be a whole number from 1 to 60';

export class UpdateSettingsRequestDto {
  @ApiProperty({ minimum: 1, maximum: 60, description: 'How long a vetting stays current, in months (default 12).' })
  @IsInt({ message: PERIOD_MESSAGE })
  @Min(1, { message: PERIOD_MESSAGE })
  @Max(60, { message: PERIOD_MESSAGE })
  vettingPeriodMonths!: number;
}
