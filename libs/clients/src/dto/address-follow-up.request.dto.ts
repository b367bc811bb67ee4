import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsText } from '#haven/platform';

export class AddressFollowUpRequestDto {
  @ApiPropertyOptional({ maxLength: 10000, description: 'How the follow-up was addressed (encrypted).' })
  @IsOptional()
  @IsString()
  @IsText({ multiline: true })
  @Length(1, 10000)
  note?: string;
}
