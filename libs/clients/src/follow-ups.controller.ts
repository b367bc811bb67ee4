import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAccount, CurrentAccount } from '#haven/identity';
import { ParseIdPipe, Roles } from '#haven/platform';
import { AddressFollowUpRequestDto } from './dto/address-follow-up.request.dto.js';
import { FollowUpResponseDto } from './dto/follow-up.response.dto.js';
import { toFollowUpResponse } from './follow-up.mapper.js';
import { FollowUpsService } from './follow-ups.service.js';

@ApiTags('clients')
@ApiBearerAuth()
@Roles('coach')
@Controller('clients/:id/follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Post(':followUpId/addressed')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark an open follow-up addressed (SCOPE_INFLUENCE, PRACTICE_SAFE_CLOSE)',
    description:
      'For a follow-up addressed outside a session (e.g. a safety call). A follow-up addressed in the next ' +
      'session is marked by listing it in `addressesFollowUpIds` of POST /clients/:id/sessions instead.',
  })
  @ApiResponse({ status: 200, type: FollowUpResponseDto })
  @ApiResponse({ status: 409, description: '`FOLLOW_UP_NOT_OPEN`: it was already addressed.' })
  async address(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Param('followUpId', ParseIdPipe) followUpId: string,
    @Body() body: AddressFollowUpRequestDto,
  ): Promise<FollowUpResponseDto> {
    return toFollowUpResponse(await this.followUps.addressDirectly(caller, clientId, followUpId, body.note));
  }
}
