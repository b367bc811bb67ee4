import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAccount, CurrentAccount } from '#haven/identity';
import { NoBodyPipe, PageQueryDto, ParseIdPipe, Roles, toPageRequest } from '#haven/platform';
import { ClientsService } from './clients.service.js';
import { toClientExportResponse } from './client-export.mapper.js';
import { toClientResponse, toClientSummary } from './client.mapper.js';
import { ClientCreatedResponseDto, ClientListResponseDto, ClientResponseDto } from './dto/client.response.dto.js';
import { ClientExportResponseDto } from './dto/export.response.dto.js';
import { IntakeRequestDto } from './dto/intake.request.dto.js';

@ApiTags('clients')
@ApiBearerAuth()
@Roles('coach')
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Post()
  @ApiOperation({ summary: 'Intake a client, decided by the screening (SCOPE_MINOR, SCOPE_RISK, SCOPE_COMPETENCE)' })
  @ApiResponse({ status: 201, type: ClientCreatedResponseDto })
  @ApiResponse({ status: 422, description: '`ETHICS_SCOPE_MINOR`: under 18 on the intake date; nothing is stored.' })
  intake(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Body() body: IntakeRequestDto,
  ): Promise<ClientCreatedResponseDto> {
    return this.clients.intake(caller, body);
  }

  @Get()
  @ApiOperation({ summary: "The coach's clients, newest intake first" })
  @ApiResponse({ status: 200, type: ClientListResponseDto })
  async list(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Query() query: PageQueryDto,
  ): Promise<ClientListResponseDto> {
    const page = await this.clients.list(caller, toPageRequest(query, { name: 'clients', caller: caller.accountId }));
    return { items: page.items.map(toClientSummary), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiResponse({ status: 200, type: ClientResponseDto })
  @ApiResponse({ status: 404, description: 'Unknown, deleted, or another coach’s client.' })
  async get(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<ClientResponseDto> {
    const { client, openFollowUps } = await this.clients.get(caller, id);
    return toClientResponse(client, openFollowUps);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: "Delete a client by destroying the client's key (crypto-shredding)",
    description: 'Every record of the client becomes unreadable at once, by anyone; the audit trail stays.',
  })
  @ApiResponse({ status: 204 })
  delete(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) id: string,
    @Body(NoBodyPipe) _body: unknown,
  ): Promise<void> {
    return this.clients.delete(caller, id);
  }

  @Get(':id/export')
  @ApiOperation({ summary: 'Everything held about the client, decrypted, as JSON' })
  @ApiResponse({ status: 200, type: ClientExportResponseDto })
  async export(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<ClientExportResponseDto> {
    return toClientExportResponse(await this.clients.export(caller, id));
  }
}
