import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { ClientStatus } from '#haven/ethics';
import { FollowUpResponseDto } from './follow-up.response.dto.js';
import { UnreadableItemDto } from './unreadable-item.response.dto.js';

const STATUSES = ['active', 'paused', 'referral_required', 'referred', 'ended'];

export class ClientCreatedResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['active', 'referral_required'] }) status!: ClientStatus;
}

export class ClientSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ enum: STATUSES }) status!: ClientStatus;
}

@ApiExtraModels(ClientSummaryDto, UnreadableItemDto)
export class ClientListResponseDto {
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(ClientSummaryDto) }, { $ref: getSchemaPath(UnreadableItemDto) }] },
    description: 'Newest intake first. A client whose row cannot be decrypted is listed as `{ id, unreadable: true }`.',
  })
  items!: (ClientSummaryDto | UnreadableItemDto)[];
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
