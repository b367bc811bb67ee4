import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsEmailAddress } from '#haven/platform';

export class LoginRequestDto {
  @ApiProperty({ example: 'coach@example.org' })
  @IsEmailAddress()
  email!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}
