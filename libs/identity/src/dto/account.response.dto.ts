import { ApiProperty } from '@nestjs/swagger';
import type { AccountEntity } from '../account.entity.js';

export class AccountResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['coach', 'certifier', 'admin'] }) role!: string;
}

export class CoachSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
}

export class SignupResponseDto {
  @ApiProperty({ type: CoachSummaryDto }) coach!: CoachSummaryDto;
  @ApiProperty({ description: 'Shown once, never stored in plaintext. Without it and the password, records are gone.' })
  recoveryKey!: string;
}

export class RecoverResponseDto {
  @ApiProperty({ description: 'The new recovery key, shown once; the one just used no longer works.' })
  recoveryKey!: string;
}

export class LoginResponseDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({
    description: 'Seconds until the token expires at the latest (sessions also end after 30 idle minutes).',
  })
  expiresIn!: number;
  @ApiProperty({ enum: ['coach', 'certifier', 'admin'] }) role!: string;
}

export function toAccountResponse(account: AccountEntity): AccountResponseDto {
  return { id: account.id, email: account.email, displayName: account.displayName, role: account.role };
}
