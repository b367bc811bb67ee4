import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAccount, CurrentAccount } from '#haven/identity';
import { NoBodyPipe, ParseIdPipe, Roles, toPageRequest } from '#haven/platform';
import { AuditSamplesService } from './audit-samples.service.js';
import { BodyCertificationsService } from './body-certifications.service.js';
import type { ReviewAction } from './certification.repository.js';
import type { CertificationSummary } from './certification.mapper.js';
import { toCsv } from './csv.js';
import {
  AuditAnswerRequestDto,
  AuditSampleRequestDto,
  CertificationListQueryDto,
  CertifyRequestDto,
  ReviewCaseRequestDto,
} from './dto/certification.request.dto.js';
import {
  AuditSampleResponseDto,
  CertificationDetailResponseDto,
  CertificationListResponseDto,
  CertifiedResponseDto,
  RenewedResponseDto,
  StatusResponseDto,
} from './dto/certification.response.dto.js';

const CSV_COLUMNS: { header: string; value: (row: CertificationSummary) => string | number | null }[] = [
  { header: 'coachId', value: (row) => row.coachId },
  { header: 'displayName', value: (row) => row.displayName },
  { header: 'credentialNumber', value: (row) => row.credentialNumber },
  { header: 'status', value: (row) => row.status },
  { header: 'expiresOn', value: (row) => row.expiresOn },
  { header: 'ethicsReviewCompletedOn', value: (row) => row.ethicsReviewCompletedOn },
  { header: 'remindersSent', value: (row) => row.remindersSent },
];

/** The certifier's dashboard over their own body's coaches; never a client, session or record. */
@ApiTags('certification')
@ApiBearerAuth()
@Roles('certifier')
@Controller('body')
export class BodyCertificationsController {
  constructor(
    private readonly certifications: BodyCertificationsService,
    private readonly samples: AuditSamplesService,
  ) {}

  @Post('certifications')
  @ApiOperation({ summary: 'Certify a coach with the body: the first cycle (CERT_RENEWAL)' })
  @ApiResponse({ status: 201, type: CertifiedResponseDto })
  @ApiResponse({ status: 404, description: 'No coach account with this email.' })
  @ApiResponse({ status: 409, description: 'ALREADY_CERTIFIED' })
  certify(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Body() body: CertifyRequestDto,
  ): Promise<CertifiedResponseDto> {
    return this.certifications.certify(caller, body);
  }

  @Get('certifications')
  @ApiOperation({ summary: "The body's coaches with status, expiry, ethics review and reminders sent (CERT_AUDIT)" })
  @ApiResponse({ status: 200, type: CertificationListResponseDto })
  list(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Query() query: CertificationListQueryDto,
  ): Promise<CertificationListResponseDto> {
    const page = toPageRequest(query, { name: `body-certifications:${query.status ?? ''}`, caller: caller.accountId });
    return this.certifications.list(caller, query.status ?? null, page);
  }

  @Get('certifications.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="certifications.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The same as CSV: header row, RFC 4180 quoting, formula cells neutralised' })
  @ApiResponse({ status: 200, description: 'text/csv' })
  async csv(@CurrentAccount() caller: AuthenticatedAccount): Promise<string> {
    return toCsv(CSV_COLUMNS, await this.certifications.all(caller));
  }

  @Get('certifications/:coachId')
  @ApiOperation({ summary: 'One coach of the body: cycles, ethics reviews, reminders, review cases' })
  @ApiResponse({ status: 200, type: CertificationDetailResponseDto })
  @ApiResponse({ status: 404, description: 'Unknown coach, or a coach of another body.' })
  detail(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('coachId', ParseIdPipe) coachId: string,
  ): Promise<CertificationDetailResponseDto> {
    return this.certifications.detail(caller, coachId);
  }

  @Post('certifications/:coachId/renew')
  @HttpCode(200)
  @ApiOperation({ summary: 'Renew: the next cycle starts at the previous expiry (CERT_ETHICS_REVIEW)' })
  @ApiResponse({ status: 200, type: RenewedResponseDto })
  @ApiResponse({
    status: 422,
    description: '`ETHICS_CERT_ETHICS_REVIEW`: no ethics review course in the current cycle.',
  })
  renew(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('coachId', ParseIdPipe) coachId: string,
    @Body(NoBodyPipe) _body: unknown,
  ): Promise<RenewedResponseDto> {
    return this.certifications.renew(caller, coachId);
  }

  @Post('certifications/:coachId/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open a review case that suspends the certification (CERT_AUDIT)' })
  @ApiResponse({ status: 200, type: StatusResponseDto })
  suspend(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('coachId', ParseIdPipe) coachId: string,
    @Body() body: ReviewCaseRequestDto,
  ): Promise<StatusResponseDto> {
    return this.review(caller, coachId, 'suspend', body);
  }

  @Post('certifications/:coachId/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open a review case that revokes the certification (CERT_AUDIT)' })
  @ApiResponse({ status: 200, type: StatusResponseDto })
  revoke(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('coachId', ParseIdPipe) coachId: string,
    @Body() body: ReviewCaseRequestDto,
  ): Promise<StatusResponseDto> {
    return this.review(caller, coachId, 'revoke', body);
  }

  @Post('certifications/:coachId/reinstate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reinstate: lifts a suspension, revocation or a lapse a sweep stored' })
  @ApiResponse({ status: 200, type: StatusResponseDto })
  reinstate(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('coachId', ParseIdPipe) coachId: string,
    @Body() body: ReviewCaseRequestDto,
  ): Promise<StatusResponseDto> {
    return this.review(caller, coachId, 'reinstate', body);
  }

  @Post('audit-samples')
  @ApiOperation({ summary: "Draw a random audit sample of the body's coaches expiring within a window (CERT_AUDIT)" })
  @ApiResponse({ status: 201, type: AuditSampleResponseDto })
  drawSample(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Body() body: AuditSampleRequestDto,
  ): Promise<AuditSampleResponseDto> {
    return this.samples.draw(caller, body);
  }

  @Post('audit-samples/:id/answered')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a sampled coach’s evidence received' })
  @ApiResponse({ status: 200 })
  @ApiResponse({ status: 404, description: 'No such request of the body.' })
  async answered(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) sampleId: string,
    @Body() body: AuditAnswerRequestDto,
  ): Promise<{ sampleId: string; coachId: string; answered: true }> {
    await this.samples.answer(caller, sampleId, body.coachId.toLowerCase());
    return { sampleId, coachId: body.coachId.toLowerCase(), answered: true };
  }

  private review(caller: AuthenticatedAccount, coachId: string, action: ReviewAction, body: ReviewCaseRequestDto) {
    return this.certifications.review(caller, coachId, action, body.reason);
  }
}
