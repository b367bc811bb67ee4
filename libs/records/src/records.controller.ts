import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAccount, CurrentAccount } from '#haven/identity';
import { PageQueryDto, ParseIdPipe, Roles, toPageRequest } from '#haven/platform';
import { AmendSessionRequestDto } from './dto/amend-session.request.dto.js';
import { CreateSessionRequestDto } from './dto/create-session.request.dto.js';
import {
  AmendmentResponseDto,
  SessionCreatedResponseDto,
  SessionListResponseDto,
  SessionResponseDto,
  SessionVersionListResponseDto,
} from './dto/session.response.dto.js';
import {
  toSessionCreatedResponse,
  toSessionResponse,
  toSessionListItem,
  toSessionVersion,
} from './session-record.mapper.js';
import { RecordsService } from './records.service.js';

/** Session records. There is deliberately no PUT or DELETE: records are append-only (CONF_RECORDS). */
@ApiTags('session records')
@ApiBearerAuth()
@Roles('coach')
@Controller()
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  @Post('clients/:id/sessions')
  @ApiOperation({ summary: 'Record a session (SCOPE_RISK, SCOPE_INFLUENCE, PRACTICE_SAFE_CLOSE, PRACTICE_GIVE_BACK)' })
  @ApiResponse({ status: 201, type: SessionCreatedResponseDto })
  @ApiResponse({
    status: 422,
    description:
      '`ETHICS_SCOPE_RISK` while the client is `referral_required`; `ETHICS_CONF_RECORDS` once the engagement is closed.',
  })
  async create(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Body() body: CreateSessionRequestDto,
  ): Promise<SessionCreatedResponseDto> {
    return toSessionCreatedResponse(await this.records.create(caller, clientId, body));
  }

  @Get('clients/:id/sessions')
  @ApiOperation({ summary: "A client's sessions, newest recorded first" })
  @ApiResponse({ status: 200, type: SessionListResponseDto })
  async list(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Query() query: PageQueryDto,
  ): Promise<SessionListResponseDto> {
    const page = await this.records.list(
      caller,
      clientId,
      toPageRequest(query, { name: `sessions:${clientId}`, caller: caller.accountId }),
    );
    return { items: page.items.map(toSessionListItem), nextCursor: page.nextCursor };
  }

  @Get('sessions/:id')
  @ApiOperation({ summary: 'A session record as its latest version reads' })
  @ApiResponse({ status: 200, type: SessionResponseDto })
  @ApiResponse({
    status: 422,
    description: '`RECORD_UNREADABLE`: its stored ciphertext was altered or moved; names the record id.',
  })
  async get(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<SessionResponseDto> {
    return toSessionResponse(await this.records.get(caller, id));
  }

  @Post('sessions/:id/amendments')
  @ApiOperation({ summary: 'Amend a record: a new version with a reason (CONF_RECORDS)' })
  @ApiResponse({ status: 201, type: AmendmentResponseDto })
  async amend(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: AmendSessionRequestDto,
  ): Promise<AmendmentResponseDto> {
    const { version, recordedAt } = await this.records.amend(caller, id, body);
    return { version, recordedAt: recordedAt.toISOString() };
  }

  @Get('sessions/:id/versions')
  @ApiOperation({ summary: 'Every version of a record with its time and reason, version 1 first' })
  @ApiResponse({ status: 200, type: SessionVersionListResponseDto })
  async versions(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<SessionVersionListResponseDto> {
    const page = await this.records.versions(
      caller,
      id,
      toPageRequest(query, { name: `versions:${id}`, caller: caller.accountId, position: 'version' }),
    );
    return { items: page.items.map(toSessionVersion), nextCursor: page.nextCursor };
  }
}
