import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAccount, CurrentAccount } from '#haven/identity';
import { NoBodyPipe, PageQueryDto, ParseIdPipe, Roles, toPageRequest } from '#haven/platform';
import {
  AddVettingRequestDto,
  CreateProviderRequestDto,
  UpdateSettingsRequestDto,
} from './dto/provider.request.dto.js';
import {
  ProviderCreatedResponseDto,
  ProviderListResponseDto,
  ProviderResponseDto,
  ProviderWithVettingsResponseDto,
  SettingsResponseDto,
} from './dto/provider.response.dto.js';
import { toProviderResponse, toVettingResponse } from './provider.mapper.js';
import { ProvidersService } from './providers.service.js';

const NOT_FOUND = 'Unknown provider, or another coach’s: the same answer.';

/** PRACTICE_VETTED_REFERRAL: the coach's own list of vetted providers. */
@ApiTags('referrals')
@ApiBearerAuth()
@Roles('coach')
@Controller('providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Post()
  @ApiOperation({ summary: 'Add a vetted provider to the coach’s own list (PRACTICE_VETTED_REFERRAL)' })
  @ApiResponse({ status: 201, type: ProviderCreatedResponseDto })
  create(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Body() body: CreateProviderRequestDto,
  ): Promise<ProviderCreatedResponseDto> {
    return this.providers.create(caller, body);
  }

  @Get()
  @ApiOperation({ summary: 'The coach’s providers, newest first, each with `vettingDueOn` and `vettingCurrent`' })
  @ApiResponse({ status: 200, type: ProviderListResponseDto })
  async list(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Query() query: PageQueryDto,
  ): Promise<ProviderListResponseDto> {
    const page = await this.providers.list(
      caller,
      toPageRequest(query, { name: 'providers', caller: caller.accountId }),
    );
    return { items: page.items.map(toProviderResponse), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One provider with its vetting history (notes decrypted)' })
  @ApiResponse({ status: 200, type: ProviderWithVettingsResponseDto })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  async get(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<ProviderWithVettingsResponseDto> {
    const { vettings, ...provider } = await this.providers.get(caller, id);
    return { ...toProviderResponse(provider), vettings: vettings.map(toVettingResponse) };
  }

  @Post(':id/vettings')
  @ApiOperation({ summary: 'Record a re-vetting; the vetting is current again for the coach’s period' })
  @ApiResponse({ status: 201, type: ProviderCreatedResponseDto })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  addVetting(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: AddVettingRequestDto,
  ): Promise<ProviderCreatedResponseDto> {
    return this.providers.addVetting(caller, id, body);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a provider off the list for new referrals; it is never deleted' })
  @ApiResponse({ status: 200, type: ProviderResponseDto })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  async archive(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) id: string,
    @Body(NoBodyPipe) _body: unknown,
  ): Promise<ProviderResponseDto> {
    return toProviderResponse(await this.providers.archive(caller, id));
  }
}

/** The coach's own settings. */
@ApiTags('referrals')
@ApiBearerAuth()
@Roles('coach')
@Controller('me/settings')
export class SettingsController {
  constructor(private readonly providers: ProvidersService) {}

  @Get()
  @ApiOperation({ summary: 'The coach’s settings: the vetting period in months (default 12)' })
  @ApiResponse({ status: 200, type: SettingsResponseDto })
  get(@CurrentAccount() caller: AuthenticatedAccount): Promise<SettingsResponseDto> {
    return this.providers.settings(caller);
  }

  @Patch()
  @ApiOperation({ summary: 'Change how long a vetting stays current (1 to 60 months)' })
  @ApiResponse({ status: 200, type: SettingsResponseDto })
  update(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Body() body: UpdateSettingsRequestDto,
  ): Promise<SettingsResponseDto> {
    return this.providers.updateSettings(caller, body.vettingPeriodMonths);
  }
}
