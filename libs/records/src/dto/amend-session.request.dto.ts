import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsText } from '#haven/platform';
import { MAX_NOTES_LENGTH } from './create-session.request.dto.js';

/** CONF_RECORDS: a change is a new version with a reason; nothing is overwritten. */
export class AmendSessionRequestDto {
  @ApiProperty({ maxLength: MAX_NOTES_LENGTH, description: 'The notes as they should now read (encrypted).' })
  @IsString()
  @IsText({ multiline: true })
  @Length(1, MAX_NOTES_LENGTH)
  notes!: string;

  @ApiProperty({ maxLength: 2000, description: 'Why the record is amended (encrypted).' })
  @IsString()
  @IsText({ multiline: true })
  @Length(1, 2000)
  reason!: string;
}
