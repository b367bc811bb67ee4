import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Length, MaxLength } from 'class-validator';
import { IsEmailAddress } from '#haven/platform';

export class RecoverRequestDto {
  @ApiProperty({ example: 'coach@example.org' })
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ description: 'The recovery key shown once at signup (dashes and case do not matter).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  recoveryKey!: string;

  @ApiProperty({ minLength: 12, maxLength: 256 })
  @IsString()
  @Length(12, 256)
  newPassword!: string;
}
