import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAccount, CurrentAccount } from '#haven/identity';
import { PageQueryDto, ParseIdPipe, Roles, toPageRequest } from '#haven/platform';
import {
  AddSupervisionEntryRequestDto,
  CreatedResponseDto,
  SupervisionLogResponseDto,
  SupervisionSoughtRequestDto,
  SupervisionSoughtResponseDto,
} from './dto/supervision.dto.js';
import { toSupervisionEntryResponse } from './supervision-entry.mapper.js';
import { SupervisionService } from './supervision.service.js';

/** SCOPE_COMPETENCE: seek supervision when unsure. */
@ApiTags('clients')
@ApiBearerAuth()
@Roles('coach')
@Controller('clients/:id')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Put('supervision-sought')
  @ApiOperation({ summary: 'Flag (or unflag) that the coach seeks supervision about this client' })
  @ApiResponse({ status: 200, type: SupervisionSoughtResponseDto })
  async setSought(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Body() body: SupervisionSoughtRequestDto,
  ): Promise<SupervisionSoughtResponseDto> {
    return { supervisionSought: await this.supervision.setSought(caller, clientId, body.supervisionSought) };
  }

  @Post('supervision')
  @ApiOperation({ summary: 'Add to the supervision log: date, supervisor, notes (all encrypted)' })
  @ApiResponse({ status: 201, type: CreatedResponseDto })
  addEntry(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Body() body: AddSupervisionEntryRequestDto,
  ): Promise<CreatedResponseDto> {
    return this.supervision.addEntry(caller, clientId, body);
  }

  @Get('supervision')
  @ApiOperation({ summary: 'The supervision log of the client, newest first' })
  @ApiResponse({ status: 200, type: SupervisionLogResponseDto })
  async list(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Query() query: PageQueryDto,
  ): Promise<SupervisionLogResponseDto> {
    const page = await this.supervision.list(
      caller,
      clientId,
      toPageRequest(query, { name: `supervision:${clientId}`, caller: caller.accountId }),
    );
    return { items: page.items.map(toSupervisionEntryResponse), nextCursor: page.nextCursor };
  }
}
