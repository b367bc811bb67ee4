import { ApiProperty } from '@nestjs/swagger';
import type { ClientStatus } from '#haven/ethics';
import { FollowUpResponseDto, toFollowUpResponse, type FollowUpView } from './follow-up.response.dto.js';

const STATUSES = ['active', 'referral_required', 'referred', 'ended'];

export interface IntakeScreeningView {
  activelySuicidal: boolean;
  activeAddiction: boolean;
  activeSelfHarm: boolean;
  outsideCompetence: boolean;
}

/** A client, decrypted. */
export interface ClientView {
  id: string;
  fullName: string;
  email: string;
  dateOfBirth: string;
  status: ClientStatus;
  screening: IntakeScreeningView;
  supervisionSought: boolean;
  createdAt: Date;
}

export class ClientCreatedResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['active', 'referral_required'] }) status!: ClientStatus;
}

export class ClientSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ enum: STATUSES }) status!: ClientStatus;
}

export class ClientListResponseDto {
  @ApiProperty({ type: [ClientSummaryDto] }) items!: ClientSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ClientResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ format: 'date' }) dateOfBirth!: string;
  @ApiProperty({ enum: STATUSES }) status!: ClientStatus;
  @ApiProperty({
    description: 'The coach has flagged that they seek supervision about this client (SCOPE_COMPETENCE).',
  })
  supervisionSought!: boolean;
  @ApiProperty({
    type: [FollowUpResponseDto],
    description: 'Follow-ups sessions opened and the coach has not marked addressed yet, oldest first.',
  })
  openFollowUps!: FollowUpResponseDto[];
}

export function toClientSummary(view: Pick<ClientView, 'id' | 'fullName' | 'status'>): ClientSummaryDto {
  return { id: view.id, fullName: view.fullName, status: view.status };
}

export function toClientResponse(view: ClientView, openFollowUps: FollowUpView[]): ClientResponseDto {
  return {
    id: view.id,
    fullName: view.fullName,
    email: view.email,
    dateOfBirth: view.dateOfBirth,
    status: view.status,
    supervisionSought: view.supervisionSought,
    openFollowUps: openFollowUps.map(toFollowUpResponse),
  };
}
