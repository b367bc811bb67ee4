import type { ClientView } from './client.mapper.js';
import type { ClientExportResponseDto } from './dto/export.response.dto.js';
import { toFollowUpResponse, type FollowUpView } from './follow-up.mapper.js';
import { toGoalResponse, type GoalView } from './goal.mapper.js';
import { toSupervisionEntryResponse, type SupervisionEntryView } from './supervision-entry.mapper.js';

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
