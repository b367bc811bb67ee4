import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAccount, CurrentAccount } from '#haven/identity';
import { ParseIdPipe, Roles } from '#haven/platform';
import { CertificationBodiesService } from './certification-bodies.service.js';
import { CreateBodyRequestDto, CreateCertifierRequestDto } from './dto/certification.request.dto.js';
import { IdResponseDto } from './dto/certification.response.dto.js';

@ApiTags('certification')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/certification-bodies')
export class AdminCertificationController {
  constructor(private readonly bodies: CertificationBodiesService) {}

  @Post()
  @ApiOperation({ summary: 'Create a certification body (CERT_RENEWAL: its renewal period, 24 months by default)' })
  @ApiResponse({ status: 201, type: IdResponseDto })
  create(@CurrentAccount() caller: AuthenticatedAccount, @Body() body: CreateBodyRequestDto): Promise<IdResponseDto> {
    return this.bodies.createBody(caller, body);
  }

  @Post(':id/certifiers')
  @ApiOperation({ summary: 'Create a certifier account of the body (role certifier, one body each)' })
  @ApiResponse({ status: 201, type: IdResponseDto })
  @ApiResponse({ status: 404, description: 'Unknown body.' })
  @ApiResponse({ status: 409, description: 'EMAIL_TAKEN' })
  createCertifier(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) bodyId: string,
    @Body() body: CreateCertifierRequestDto,
  ): Promise<IdResponseDto> {
    return this.bodies.createCertifier(caller, bodyId, body);
  }
}
