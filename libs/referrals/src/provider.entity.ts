import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProviderKind } from '#haven/ethics';

/**
 * A provider on one coach's vetted list. Its details are the coach's professional contacts, not
 * client data: plaintext, behind row-level security (docs/threat-model.md).
 */
@Entity('providers')
export class ProviderEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'coach_id', type: 'uuid' })
  coachId!: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: ProviderKind;

  @Column({ type: 'text', nullable: true })
  organization!: string | null;

  @Column({ type: 'text' })
  contact!: string;

  @Column({ type: 'text', array: true })
  specialties!: string[];

  /** The latest vetting day (YYYY-MM-DD). */
  @Column({ name: 'last_vetted_on', type: 'date' })
  lastVettedOn!: string;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One vetting of a provider; its notes are under the coach's vault key. */
@Entity('provider_vettings')
export class ProviderVettingEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'coach_id', type: 'uuid' })
  coachId!: string;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId!: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ name: 'vetted_on', type: 'date' })
  vettedOn!: string;

  @Column({ name: 'notes_enc', type: 'text' })
  notesEnc!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A coach's own settings (one row, created on first change). */
@Entity('coach_settings')
export class CoachSettingsEntity {
  @PrimaryColumn({ name: 'coach_id', type: 'uuid' })
  coachId!: string;

  @Column({ name: 'vetting_period_months', type: 'integer' })
  vettingPeriodMonths!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** The AEAD purpose of each encrypted column ('<table>.<column>'). */
export const PROVIDER_COLUMNS = {
  vettingNotes: 'provider_vettings.notes_enc',
} as const;
