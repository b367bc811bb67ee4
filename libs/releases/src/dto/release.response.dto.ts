import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const STATUSES = ['pending_signature', 'signed', 'revoked', 'expired'];
const STEPS = ['sent', 'opened', 'consent_accepted', 'signed', 'revoked', 'expired'];

export class ReleaseCreatedResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
}

export class ReleaseStepDto {
  @ApiProperty({ enum: STEPS }) step!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ReleaseResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty() recipientName!: string;
  @ApiProperty() recipientOrganization!: string;
  @ApiProperty() recipientContact!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty() informationScope!: string;
  @ApiProperty({ format: 'date' }) expiresOn!: string;
  @ApiProperty() templateVersion!: string;
  @ApiProperty() consentVersion!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the exact text sent to the client.' }) documentSha256!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) signedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiredAt!: string | null;
  @ApiProperty({ type: [ReleaseStepDto], description: 'Every step, oldest first, with its server UTC time.' })
  history!: ReleaseStepDto[];
}

export class ReleaseWithEvidenceResponseDto extends ReleaseResponseDto {
  @ApiProperty({ nullable: true, type: String, description: 'The canonical JSON (RFC 8785) that `seal` signs.' })
  evidence!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Ed25519 detached signature, base64.' })
  seal!: string | null;
  @ApiProperty({ nullable: true, type: String }) sealKeyId!: string | null;
}

export class ReleaseListResponseDto {
  @ApiProperty({ type: [ReleaseResponseDto] }) items!: unknown[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class OpenedReleaseResponseDto {
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty() releaseId!: string;
  @ApiProperty() templateVersion!: string;
  @ApiProperty() consentVersion!: string;
  @ApiProperty({ description: 'The electronic-records consent wording of `consentVersion`.' }) consentText!: string;
  @ApiProperty({ description: 'The exact frozen text the client signs.' }) documentText!: string;
  @ApiProperty() documentSha256!: string;
  @ApiProperty() recipientName!: string;
  @ApiProperty() recipientOrganization!: string;
  @ApiProperty() recipientContact!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty() informationScope!: string;
  @ApiProperty({ format: 'date' }) expiresOn!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) signerName!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) signedAt!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) revokedAt!: string | null;
}

export class SignedResponseDto {
  @ApiProperty({ enum: ['signed'] }) status!: 'signed';
}

export class RevokedResponseDto {
  @ApiProperty({ enum: ['revoked'] }) status!: 'revoked';
}
