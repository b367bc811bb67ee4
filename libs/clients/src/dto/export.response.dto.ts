import { ApiProperty } from '@nestjs/swagger';
import type { ClientView } from './client.response.dto.js';
import { FollowUpResponseDto, toFollowUpResponse, type FollowUpView } from './follow-up.response.dto.js';
import { GoalResponseDto, toGoalResponse, type GoalView } from './goal.dto.js';
import { ScreeningDto } from './intake.request.dto.js';
import {
  SupervisionEntryResponseDto,
  toSupervisionEntryResponse,
  type SupervisionEntryView,
} from './supervision.dto.js';

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

export interface ClientExportView {
  exportedAt: Date;
  client: ClientView;
  goals: GoalView[];
  supervisionLog: SupervisionEntryView[];
  followUps: FollowUpView[];
  /** One field per registered section, e.g. `sessions`. */
  sections: Record<string, unknown>;
}

export function toClientExportResponse(view: ClientExportView): ClientExportResponseDto {
  const { client } = view;
  return {
    exportedAt: view.exportedAt.toISOString(),
    client: {
      id: client.id,
      fullName: client.fullName,
      email: client.email,
      dateOfBirth: client.dateOfBirth,
      status: client.status,
      screening: client.screening,
      supervisionSought: client.supervisionSought,
      intakeAt: client.createdAt.toISOString(),
    },
    goals: view.goals.map(toGoalResponse),
    supervisionLog: view.supervisionLog.map(toSupervisionEntryResponse),
    followUps: view.followUps.map(toFollowUpResponse),
    sessions: [],
    ...view.sections,
  };
}
