import { ApiProperty } from '@nestjs/swagger';
import { CERTIFICATION_STATUSES } from './certification.request.dto.js';

export class IdResponseDto {
  @ApiProperty() id!: string;
}

export class CertifiedResponseDto {
  @ApiProperty() coachId!: string;
  @ApiProperty({ format: 'date' }) expiresOn!: string;
  @ApiProperty({ enum: CERTIFICATION_STATUSES }) status!: string;
}

export class RenewedResponseDto {
  @ApiProperty({ format: 'date' }) expiresOn!: string;
}

export class StatusResponseDto {
  @ApiProperty() coachId!: string;
  @ApiProperty({ enum: CERTIFICATION_STATUSES }) status!: string;
}

export class CertificationSummaryDto {
  @ApiProperty() coachId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() credentialNumber!: string;
  @ApiProperty({ enum: CERTIFICATION_STATUSES }) status!: string;
  @ApiProperty({ format: 'date' }) expiresOn!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) ethicsReviewCompletedOn!: string | null;
  @ApiProperty({ description: 'Reminders emailed in the current cycle.' }) remindersSent!: number;
}

export class CertificationListResponseDto {
  @ApiProperty({ type: [CertificationSummaryDto] }) items!: CertificationSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class AuditRequestDto {
  @ApiProperty() sampleId!: string;
  @ApiProperty({ format: 'date' }) evidenceDueOn!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) answeredAt!: string | null;
}

export class CertificationDetailResponseDto extends CertificationSummaryDto {
  @ApiProperty({ description: 'Cycles, oldest first.' }) cycles!: object[];
  @ApiProperty() ethicsReviews!: object[];
  @ApiProperty({ description: 'Reminders claimed, each cycle: sent (queued) or skipped (superseded).' })
  reminders!: object[];
  @ApiProperty() reviewCases!: object[];
  @ApiProperty({ type: [AuditRequestDto] }) auditRequests!: AuditRequestDto[];
}

export class MyCertificationResponseDto {
  @ApiProperty() body!: { id: string; name: string };
  @ApiProperty() credentialNumber!: string;
  @ApiProperty({ enum: CERTIFICATION_STATUSES }) status!: string;
  @ApiProperty({ format: 'date' }) expiresOn!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) ethicsReviewCompletedOn!: string | null;
  @ApiProperty({ description: 'Reminders of the current cycle: days before expiry and when.' })
  reminders!: { daysBefore: number; sentAt: string }[];
  @ApiProperty({ type: [AuditRequestDto], description: 'Open audit requests of the body.' })
  auditRequests!: AuditRequestDto[];
}

export class AuditSampleResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: [String] }) coachIds!: string[];
}
