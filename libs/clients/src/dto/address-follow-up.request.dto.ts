import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, ValidateIf } from 'class-validator';
import { IsText } from '#haven/platform';

export class AddressFollowUpRequestDto {
  @ApiPropertyOptional({
    maxLength: 10000,
    description: 'How the follow-up was addressed (encrypted). Leave it out for none; null and "" are refused.',
  })
  // Absent means no note; null is refused like "" (IsOptional would let null through as absent).
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @IsText({ multiline: true })
  @Length(1, 10000)
  note?: string;
}
