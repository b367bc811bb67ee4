import { ApiProperty } from '@nestjs/swagger';
import { FollowUpResponseDto } from './follow-up.response.dto.js';
import { GoalResponseDto } from './goal.dto.js';
import { ScreeningDto } from './intake.request.dto.js';
import { SupervisionEntryResponseDto } from './supervision.dto.js';

export class ExportedClientDto {
  @ApiProperty() id!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ format: 'date' }) dateOfBirth!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ type: ScreeningDto }) screening!: ScreeningDto;
  @ApiProperty() supervisionSought!: boolean;
  @ApiProperty({ format: 'date-time' }) intakeAt!: string;
}

/**
 * Everything held about a client, decrypted. Besides the fields below, each feature that keeps
 * client data adds its own field (records: `sessions`, every session with every version).
 */
export class ClientExportResponseDto {
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ type: ExportedClientDto }) client!: ExportedClientDto;
  @ApiProperty({ type: [GoalResponseDto], description: 'Oldest first.' }) goals!: GoalResponseDto[];
  @ApiProperty({ type: [SupervisionEntryResponseDto], description: 'Oldest first.' })
  supervisionLog!: SupervisionEntryResponseDto[];
  @ApiProperty({ type: [FollowUpResponseDto], description: 'Open and addressed, oldest first.' })
  followUps!: FollowUpResponseDto[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Every session record with all its versions (notes, amendment reasons, times), oldest first.',
  })
  sessions!: unknown[];
  [section: string]: unknown;
}
