import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAccount, CurrentAccount } from './auth/authenticated-account.js';
import { AccountResponseDto, toAccountResponse } from './dto/account.response.dto.js';
import { IdentityService } from './identity.service.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly identity: IdentityService) {}

  @Get()
  @ApiResponse({ status: 200, type: AccountResponseDto })
  async me(@CurrentAccount() caller: AuthenticatedAccount): Promise<AccountResponseDto> {
    return toAccountResponse(await this.identity.me(caller));
  }
}
