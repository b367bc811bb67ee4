import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { IsText, trim } from '#haven/platform';

export class SignupRequestDto {
  @ApiProperty({ example: 'coach@example.org' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
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
