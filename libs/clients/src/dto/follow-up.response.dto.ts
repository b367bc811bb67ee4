import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EthicsRule, type SessionFollowUp } from '#haven/ethics';

export type FollowUpKind = SessionFollowUp['kind'];

/** A follow-up, decrypted. */
export interface FollowUpView {
  id: string;
  kind: FollowUpKind;
  openedBySessionId: string;
  openedAt: Date;
  addressedAt: Date | null;
  addressedBySessionId: string | null;
  note: string | null;
}

export class FollowUpResponseDto {
  @ApiProperty() id!: string;

  @ApiProperty({
    enum: ['influence', 'safety'],
    description:
      '`influence`: the client was under the influence, the session was rescheduled (SCOPE_INFLUENCE). `safety`: the client was not regulated at close (PRACTICE_SAFE_CLOSE).',
  })
  kind!: FollowUpKind;

  @ApiProperty({ enum: [EthicsRule.SCOPE_INFLUENCE, EthicsRule.PRACTICE_SAFE_CLOSE] })
  rule!: EthicsRule;

  @ApiProperty() openedBySessionId!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) addressedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) addressedBySessionId!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'How it was addressed, when the coach wrote it down.',
  })
  note!: string | null;
}

export function toFollowUpResponse(view: FollowUpView): FollowUpResponseDto {
  return {
    id: view.id,
    kind: view.kind,
    rule: view.kind === 'influence' ? EthicsRule.SCOPE_INFLUENCE : EthicsRule.PRACTICE_SAFE_CLOSE,
    openedBySessionId: view.openedBySessionId,
    openedAt: view.openedAt.toISOString(),
    addressedAt: view.addressedAt?.toISOString() ?? null,
    addressedBySessionId: view.addressedBySessionId,
    note: view.note,
  };
}
