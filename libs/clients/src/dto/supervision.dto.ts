import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsString, Length } from 'class-validator';
import { IsText, trim } from '#haven/platform';
import { EARLIEST_LOCAL_DATE, IsLocalDate, IsNotAfterToday, IsOnOrAfter } from './date.validators.js';

export class SupervisionSoughtRequestDto {
  @ApiProperty({ description: 'Whether the coach seeks supervision about this client (SCOPE_COMPETENCE).' })
  @IsBoolean()
  supervisionSought!: boolean;
}

export class SupervisionSoughtResponseDto {
  @ApiProperty() supervisionSought!: boolean;
}

export class AddSupervisionEntryRequestDto {
  @ApiProperty({
    format: 'date',
    example: '2026-03-02',
    description: 'When the supervision took place: not in the future, not before 1900-01-01.',
  })
  @IsLocalDate()
  @IsOnOrAfter(EARLIEST_LOCAL_DATE)
  @IsNotAfterToday()
  supervisedOn!: string;

  @ApiProperty({ maxLength: 200, description: 'Who supervised (encrypted).' })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 200)
  supervisor!: string;

  @ApiProperty({ maxLength: 50000, description: 'Notes of the supervision (encrypted).' })
  @IsString()
  @IsText({ multiline: true })
  @Length(1, 50000)
  notes!: string;
}

export class SupervisionEntryResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date' }) supervisedOn!: string;
  @ApiProperty() supervisor!: string;
  @ApiProperty() notes!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class SupervisionLogResponseDto {
  @ApiProperty({ type: [SupervisionEntryResponseDto] }) items!: SupervisionEntryResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class CreatedResponseDto {
  @ApiProperty() id!: string;
}
