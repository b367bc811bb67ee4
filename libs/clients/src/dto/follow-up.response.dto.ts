import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EthicsRule } from '#haven/ethics';
import type { FollowUpKind } from '../follow-up.mapper.js';

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
