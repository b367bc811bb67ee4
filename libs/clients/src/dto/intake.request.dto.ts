import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { IsEmailAddress, IsText, trim } from '#haven/platform';
import { EARLIEST_LOCAL_DATE, IsLocalDate, IsNotAfterToday, IsOnOrAfter } from './date.validators.js';

/** The intake screening (SCOPE_RISK, SCOPE_COMPETENCE): any "yes" means a referral comes first. */
export class ScreeningDto {
  @ApiProperty({ description: 'The client is actively suicidal.' })
  @IsBoolean()
  activelySuicidal!: boolean;

  @ApiProperty({ description: 'The client has an active alcohol or drug addiction.' })
  @IsBoolean()
  activeAddiction!: boolean;

  @ApiProperty({ description: 'The client is actively and significantly self-harming.' })
  @IsBoolean()
  activeSelfHarm!: boolean;

  @ApiProperty({ description: "The client's needs are outside the coach's competence." })
  @IsBoolean()
  outsideCompetence!: boolean;
}

export class IntakeRequestDto {
  @ApiProperty({ example: 'Sam Rivera', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 200)
  fullName!: string;

  @ApiProperty({ example: 'sam@example.org', maxLength: 254 })
  @Transform(trim)
  @IsEmailAddress()
  email!: string;

  @ApiProperty({
    example: '1990-04-01',
    format: 'date',
    description:
      'Not in the future, not before 1900-01-01. Under 18 on the intake date (today, UTC) is refused: 422 ETHICS_SCOPE_MINOR, nothing stored.',
  })
  @IsLocalDate()
  @IsOnOrAfter(EARLIEST_LOCAL_DATE)
  @IsNotAfterToday()
  dateOfBirth!: string;

  @ApiProperty({ type: ScreeningDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ScreeningDto)
  screening!: ScreeningDto;
}
