import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAccount, CurrentAccount } from '#haven/identity';
import { NoBodyPipe, PageQueryDto, ParseIdPipe, Roles, toPageRequest } from '#haven/platform';
import {
  ClientStatusResponseDto,
  ClosePracticePreviewResponseDto,
  ClosePracticeRequestDto,
  ClosePracticeResponseDto,
  CreateReferralRequestDto,
  EndEngagementRequestDto,
  ReferralCreatedResponseDto,
  ReferralListResponseDto,
} from './dto/engagement.dto.js';
import { toReferralResponse } from './engagement.mapper.js';
import { EngagementsService } from './engagements.service.js';

const CONFLICT = '`CLIENT_STATUS_CONFLICT`: the move does not fit the client’s status (e.g. already ended).';

/** Referrals and the engagement lifecycle of one client. */
@ApiTags('referrals')
@ApiBearerAuth()
@Roles('coach')
@Controller('clients/:id')
export class EngagementsController {
  constructor(private readonly engagements: EngagementsService) {}

  @Post('referrals')
  @ApiOperation({ summary: 'Refer the client to a vetted provider (PRACTICE_VETTED_REFERRAL, SCOPE_RISK)' })
  @ApiResponse({ status: 201, type: ReferralCreatedResponseDto })
  @ApiResponse({ status: 404, description: 'Unknown client, or unknown provider or another coach’s: the same answer.' })
  @ApiResponse({ status: 409, description: CONFLICT })
  @ApiResponse({ status: 422, description: '`ETHICS_PRACTICE_VETTED_REFERRAL`: vetting out of date, or archived.' })
  refer(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Body() body: CreateReferralRequestDto,
  ): Promise<ReferralCreatedResponseDto> {
    return this.engagements.refer(caller, clientId, body);
  }

  @Get('referrals')
  @ApiOperation({ summary: 'The client’s referrals, newest first' })
  @ApiResponse({ status: 200, type: ReferralListResponseDto })
  async listReferrals(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Query() query: PageQueryDto,
  ): Promise<ReferralListResponseDto> {
    const page = await this.engagements.listReferrals(
      caller,
      clientId,
      toPageRequest(query, { name: `referrals:${clientId}`, caller: caller.accountId }),
    );
    return { items: page.items.map(toReferralResponse), nextCursor: page.nextCursor };
  }

  @Post('end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the engagement with an explanation and a vetted referral (PRACTICE_NO_ABANDON)' })
  @ApiResponse({ status: 200, type: ClientStatusResponseDto })
  @ApiResponse({ status: 409, description: CONFLICT })
  @ApiResponse({
    status: 422,
    description:
      '`ETHICS_PRACTICE_NO_ABANDON` without an explanation or a referral; `ETHICS_PRACTICE_VETTED_REFERRAL` for a ' +
      'provider out of date or archived; `ETHICS_SCOPE_CRISIS` for a transfer to therapy to anyone but a therapist or psychiatrist.',
  })
  end(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Body() body: EndEngagementRequestDto,
  ): Promise<ClientStatusResponseDto> {
    return this.engagements.end(caller, clientId, body);
  }

  @Post('pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put an active engagement on hold (no sessions until resumed)' })
  @ApiResponse({ status: 200, type: ClientStatusResponseDto })
  @ApiResponse({ status: 409, description: CONFLICT })
  pause(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Body(NoBodyPipe) _body: unknown,
  ): Promise<ClientStatusResponseDto> {
    return this.engagements.pause(caller, clientId);
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a paused engagement' })
  @ApiResponse({ status: 200, type: ClientStatusResponseDto })
  @ApiResponse({ status: 409, description: CONFLICT })
  resume(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Body(NoBodyPipe) _body: unknown,
  ): Promise<ClientStatusResponseDto> {
    return this.engagements.resume(caller, clientId);
  }
}

/** PRACTICE_NO_ABANDON for a whole practice. */
@ApiTags('referrals')
@ApiBearerAuth()
@Roles('coach')
@Controller('me/close-practice')
export class ClosePracticeController {
  constructor(private readonly engagements: EngagementsService) {}

  @Get()
  @ApiOperation({ summary: 'Which clients are still open (active, paused, referral required)' })
  @ApiResponse({ status: 200, type: ClosePracticePreviewResponseDto })
  async preview(@CurrentAccount() caller: AuthenticatedAccount): Promise<ClosePracticePreviewResponseDto> {
    return { stillOpen: await this.engagements.openClients(caller) };
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'End each listed client through the same rule as POST /clients/:id/end, all or nothing per client',
  })
  @ApiResponse({ status: 200, type: ClosePracticeResponseDto })
  closePractice(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Body() body: ClosePracticeRequestDto,
  ): Promise<ClosePracticeResponseDto> {
    return this.engagements.closePractice(caller, body.endings);
  }
}
