import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { IsEmailAddress, IsText, trim } from '#haven/platform';

export class SignupRequestDto {
  @ApiProperty({ example: 'coach@example.org' })
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ minLength: 12, maxLength: 256, description: 'Not a common password.' })
  @IsString()
  @Length(12, 256)
  password!: string;

  @ApiProperty({ example: 'Robin Okafor' })
  @Transform(trim)
  @IsString()
  @IsText()
  @Length(1, 100)
  displayName!: string;
}
