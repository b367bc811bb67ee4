import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAccount, CurrentAccount } from '#haven/identity';
import { Roles } from '#haven/platform';
import { GiveBackResponseDto, toGiveBackResponse } from './dto/give-back.response.dto.js';
import { GiveBackService } from './give-back.service.js';

@ApiTags('session records')
@ApiBearerAuth()
@Roles('coach')
@Controller('me/give-back')
export class GiveBackController {
  constructor(private readonly giveBack: GiveBackService) {}

  @Get()
  @ApiOperation({ summary: 'PRACTICE_GIVE_BACK: the share of held sessions at a sliding scale or pro bono, per year' })
  @ApiResponse({ status: 200, type: GiveBackResponseDto })
  async shareByYear(@CurrentAccount() caller: AuthenticatedAccount): Promise<GiveBackResponseDto> {
    return toGiveBackResponse(await this.giveBack.shareByYear(caller));
  }
}
