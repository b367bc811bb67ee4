import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsText } from '#haven/platform';

export class AddGoalRequestDto {
  @ApiProperty({
    maxLength: 2000,
    description: "The goal in the client's own words (PRACTICE_CLIENT_GOALS); stored encrypted, as written.",
  })
  @IsString()
  @IsText({ multiline: true })
  @Length(1, 2000)
  statement!: string;
}

export class GoalResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() statement!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class GoalListResponseDto {
  @ApiProperty({ type: [GoalResponseDto] }) items!: GoalResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
