import { Body, Controller, Headers, HttpCode, Ip, Post, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '#haven/platform';
import { SignReleaseRequestDto, SigningTokenRequestDto } from './dto/release.request.dto.js';
import { OpenedReleaseResponseDto, RevokedResponseDto, SignedResponseDto } from './dto/release.response.dto.js';
import { pdfAttachment } from './pdf-file.js';
import { SigningService, type SignerRequest } from './signing.service.js';

const USER_AGENT_MAX = 512;

/**
 * The client's routes: no login, only the token from the link's fragment, in the body (never in a
 * path or query, so never in an access log). Throttled per IP against token guessing.
 */
@ApiTags('public releases')
@Public()
@Controller('public/releases')
@ApiResponse({ status: 404, description: '`RELEASE_LINK_NOT_FOUND`: unknown token, or an unsigned link past 7 days' })
@ApiResponse({ status: 429, description: '`TOO_MANY_ATTEMPTS` with Retry-After: too many unknown tokens from this IP' })
export class PublicReleasesController {
  constructor(private readonly signing: SigningService) {}

  @Post('open')
  @HttpCode(200)
  @ApiOperation({ summary: 'The release to read, its consent wording and its status' })
  @ApiResponse({ status: 200, type: OpenedReleaseResponseDto })
  open(
    @Body() body: SigningTokenRequestDto,
    @Ip() ip: string,
    @Headers('user-agent') userAgent?: string,
  ): Promise<OpenedReleaseResponseDto> {
    return this.signing.open(signerRequest(body.token, ip, userAgent));
  }

  @Post('sign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign once, with consent and intent, by typing a full name' })
  @ApiResponse({ status: 200, type: SignedResponseDto })
  @ApiResponse({ status: 409, description: '`RELEASE_ALREADY_SIGNED`' })
  @ApiResponse({ status: 410, description: '`RELEASE_REVOKED` or `RELEASE_EXPIRED`' })
  sign(
    @Body() body: SignReleaseRequestDto,
    @Ip() ip: string,
    @Headers('user-agent') userAgent?: string,
  ): Promise<SignedResponseDto> {
    return this.signing.sign({ ...signerRequest(body.token, ip, userAgent), signerName: body.signerName });
  }

  @Post('pdf')
  @HttpCode(200)
  @ApiOperation({ summary: "The signer's PDF copy of a signed release" })
  @ApiProduces('application/pdf')
  @ApiResponse({ status: 200, description: 'application/pdf' })
  @ApiResponse({ status: 409, description: '`RELEASE_NOT_SIGNED`' })
  async pdf(
    @Body() body: SigningTokenRequestDto,
    @Ip() ip: string,
    @Headers('user-agent') userAgent?: string,
  ): Promise<StreamableFile> {
    const { releaseId, pdf } = await this.signing.pdf(signerRequest(body.token, ip, userAgent));
    return pdfAttachment(pdf, releaseId);
  }

  @Post('revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke the release (signed or not); the link stays valid for this' })
  @ApiResponse({ status: 200, type: RevokedResponseDto })
  @ApiResponse({ status: 410, description: '`RELEASE_EXPIRED`' })
  revoke(
    @Body() body: SigningTokenRequestDto,
    @Ip() ip: string,
    @Headers('user-agent') userAgent?: string,
  ): Promise<RevokedResponseDto> {
    return this.signing.revoke(signerRequest(body.token, ip, userAgent));
  }
}

function signerRequest(token: string, ip: string, userAgent: string | undefined): SignerRequest {
  return { token, ip: ip || null, userAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null };
}
