import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsText, MayBeAbsent } from '#haven/platform';

export class AddressFollowUpRequestDto {
  @ApiPropertyOptional({
    maxLength: 10000,
    description: 'How the follow-up was addressed (encrypted). Leave it out for none; null and "" are refused.',
  })
  @MayBeAbsent()
  @IsString()
  @IsText({ multiline: true })
  @Length(1, 10000)
  note?: string;
}
