import { ApiProperty } from '@nestjs/swagger';
import type { GiveBackYear } from '#haven/ethics';

export class GiveBackYearDto {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ description: 'Held sessions that year (rescheduled ones do not count).' }) held!: number;
  @ApiProperty() slidingScale!: number;
  @ApiProperty() proBono!: number;
  @ApiProperty({ description: '(slidingScale + proBono) / held, from 0 to 1, unrounded.' }) share!: number;
}

export class GiveBackResponseDto {
  @ApiProperty({
    type: [GiveBackYearDto],
    description:
      'One entry per calendar year (UTC) with a held session, oldest first. A report bounded by the years of practice, so it is not paged.',
  })
  years!: GiveBackYearDto[];

  @ApiProperty({
    description: 'Sessions left out because their stored data no longer decrypts (altered or damaged in the database).',
  })
  unreadableSessions!: number;
}

export function toGiveBackResponse(report: { years: GiveBackYear[]; unreadableSessions: number }): GiveBackResponseDto {
  return { years: report.years.map((year) => ({ ...year })), unreadableSessions: report.unreadableSessions };
}
