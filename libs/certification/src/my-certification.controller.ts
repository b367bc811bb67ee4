import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAccount, CurrentAccount } from '#haven/identity';
import { Roles } from '#haven/platform';
import { EthicsReviewRequestDto } from './dto/certification.request.dto.js';
import { IdResponseDto, MyCertificationResponseDto } from './dto/certification.response.dto.js';
import { MyCertificationService } from './my-certification.service.js';

@ApiTags('certification')
@ApiBearerAuth()
@Roles('coach')
@Controller('me/certification')
export class MyCertificationController {
  constructor(private readonly certification: MyCertificationService) {}

  @Get()
  @ApiOperation({ summary: 'My certification: status, expiry, ethics review, reminders, open audit requests' })
  @ApiResponse({ status: 200, type: MyCertificationResponseDto })
  @ApiResponse({ status: 404, description: 'NOT_CERTIFIED: no certification recorded.' })
  mine(@CurrentAccount() caller: AuthenticatedAccount): Promise<MyCertificationResponseDto> {
    return this.certification.mine(caller);
  }

  @Post('ethics-review')
  @ApiOperation({ summary: 'Record an ethics review course (CERT_ETHICS_REVIEW)' })
  @ApiResponse({ status: 201, type: IdResponseDto })
  recordEthicsReview(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Body() body: EthicsReviewRequestDto,
  ): Promise<IdResponseDto> {
    return this.certification.recordEthicsReview(caller, body);
  }
}
