import { ApiProperty } from '@nestjs/swagger';
import { PROVIDER_KINDS, type ProviderKind } from '#haven/ethics';

export class ProviderCreatedResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date' }) vettingDueOn!: string;
  @ApiProperty() vettingCurrent!: boolean;
}

export class ProviderResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PROVIDER_KINDS }) kind!: ProviderKind;
  @ApiProperty({ nullable: true, type: String }) organization!: string | null;
  @ApiProperty() contact!: string;
  @ApiProperty({ type: [String] }) specialties!: string[];
  @ApiProperty({ format: 'date' }) lastVettedOn!: string;
  @ApiProperty({ format: 'date', description: 'From this day on the provider must be re-vetted.' })
  vettingDueOn!: string;
  @ApiProperty() vettingCurrent!: boolean;
  @ApiProperty() archived!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) archivedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ProviderVettingResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date' }) vettedOn!: string;
  @ApiProperty() notes!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class ProviderWithVettingsResponseDto extends ProviderResponseDto {
  @ApiProperty({ type: [ProviderVettingResponseDto], description: 'Every vetting, oldest first.' })
  vettings!: ProviderVettingResponseDto[];
}

export class ProviderListResponseDto {
  @ApiProperty({ type: [ProviderResponseDto] }) items!: ProviderResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class SettingsResponseDto {
  @ApiProperty({ minimum: 1, maximum: 60 }) vettingPeriodMonths!: number;
}
