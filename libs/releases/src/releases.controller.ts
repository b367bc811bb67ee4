import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAccount, CurrentAccount } from '#haven/identity';
import { NoBodyPipe, PageQueryDto, ParseIdPipe, Roles, toPageRequest } from '#haven/platform';
import { CreateReleaseRequestDto } from './dto/release.request.dto.js';
import {
  ReleaseCreatedResponseDto,
  ReleaseListResponseDto,
  ReleaseWithEvidenceResponseDto,
} from './dto/release.response.dto.js';
import { pdfAttachment } from './pdf-file.js';
import { toReleaseListItem, toReleaseWithEvidenceResponse } from './release-response.mapper.js';
import { ReleasesService } from './releases.service.js';

/** Releases as the coach drafts and follows them. No answer ever carries the signing link. */
@ApiTags('releases')
@ApiBearerAuth()
@Roles('coach')
@Controller()
export class ReleasesController {
  constructor(private readonly releases: ReleasesService) {}

  @Post('clients/:id/releases')
  @ApiOperation({ summary: 'Draft a release and email the client a one-time signing link (CONF_RELEASE)' })
  @ApiResponse({ status: 201, type: ReleaseCreatedResponseDto })
  create(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Body() body: CreateReleaseRequestDto,
  ): Promise<ReleaseCreatedResponseDto> {
    return this.releases.create(caller, clientId, body);
  }

  @Get('clients/:id/releases')
  @ApiOperation({ summary: "A client's releases, newest first, each with every status change and its time" })
  @ApiResponse({ status: 200, type: ReleaseListResponseDto })
  async list(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Query() query: PageQueryDto,
  ): Promise<ReleaseListResponseDto> {
    const page = await this.releases.list(
      caller,
      clientId,
      toPageRequest(query, { name: `releases:${clientId}`, caller: caller.accountId }),
    );
    return { items: page.items.map(toReleaseListItem), nextCursor: page.nextCursor };
  }

  @Post('clients/:id/releases/:rid/resend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Email a fresh signing link; the old one stops working' })
  @ApiResponse({ status: 200, type: ReleaseCreatedResponseDto })
  @ApiResponse({ status: 409, description: '`RELEASE_ALREADY_SIGNED`' })
  @ApiResponse({ status: 410, description: '`RELEASE_REVOKED` or `RELEASE_EXPIRED`' })
  resend(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Param('rid', ParseIdPipe) releaseId: string,
    @Body(NoBodyPipe) _body: unknown,
  ): Promise<ReleaseCreatedResponseDto> {
    return this.releases.resend(caller, clientId, releaseId);
  }

  @Get('releases/:id')
  @ApiOperation({ summary: 'A release with its sealed evidence' })
  @ApiResponse({ status: 200, type: ReleaseWithEvidenceResponseDto })
  async get(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) releaseId: string,
  ): Promise<ReleaseWithEvidenceResponseDto> {
    return toReleaseWithEvidenceResponse(await this.releases.get(caller, releaseId));
  }

  @Get('releases/:id/pdf')
  @ApiOperation({ summary: 'The release as PDF: text, signature block, evidence, seal and how to verify it' })
  @ApiProduces('application/pdf')
  @ApiResponse({ status: 200, description: 'application/pdf' })
  async pdf(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) releaseId: string,
  ): Promise<StreamableFile> {
    return pdfAttachment(await this.releases.pdf(caller, releaseId), releaseId);
  }
}
