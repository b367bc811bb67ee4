import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAccount, CurrentAccount } from '#haven/identity';
import { PageQueryDto, ParseIdPipe, Roles, toPageRequest, ValidationFailedException } from '#haven/platform';
import {
  CreateDisclosureRequestDto,
  DisclosureCreatedResponseDto,
  DisclosureListResponseDto,
} from './dto/disclosure.dto.js';
import { DisclosuresService } from './disclosures.service.js';
import { toDisclosureListItem } from './release-response.mapper.js';

@ApiTags('disclosures')
@ApiBearerAuth()
@Roles('coach')
@Controller('clients/:id/disclosures')
export class DisclosuresController {
  constructor(private readonly disclosures: DisclosuresService) {}

  @Post()
  @ApiOperation({
    summary: 'Log a disclosure on a signed release, a court order or a mandatory report (CONF_DISCLOSURE)',
  })
  @ApiResponse({ status: 201, type: DisclosureCreatedResponseDto })
  @ApiResponse({
    status: 422,
    description:
      '`ETHICS_CONF_DISCLOSURE`: no signed, current release of this client naming the recipient, no order, no complete report',
  })
  create(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Body() body: CreateDisclosureRequestDto,
  ): Promise<DisclosureCreatedResponseDto> {
    const bases = (['releaseId', 'courtOrderReference', 'mandatoryReport'] as const).filter(
      (field) => body[field] !== undefined,
    );
    if (bases.length > 1) {
      throw new ValidationFailedException(
        `Invalid request: give only one of releaseId, courtOrderReference, mandatoryReport (got ${bases.join(', ')}).`,
      );
    }
    return this.disclosures.create(caller, clientId, body);
  }

  @Get()
  @ApiOperation({ summary: "A client's disclosures, newest first" })
  @ApiResponse({ status: 200, type: DisclosureListResponseDto })
  async list(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Query() query: PageQueryDto,
  ): Promise<DisclosureListResponseDto> {
    const page = await this.disclosures.list(
      caller,
      clientId,
      toPageRequest(query, { name: `disclosures:${clientId}`, caller: caller.accountId }),
    );
    return { items: page.items.map(toDisclosureListItem), nextCursor: page.nextCursor };
  }
}
