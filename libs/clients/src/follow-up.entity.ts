import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Something a session left for the coach to address (SCOPE_INFLUENCE, PRACTICE_SAFE_CLOSE). */
@Entity('client_follow_ups')
export class FollowUpEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'coach_id', type: 'uuid' })
  coachId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ name: 'opened_by_session_id', type: 'uuid' })
  openedBySessionId!: string;

  /** 'influence' or 'safety', encrypted: even the kind says something about the client. */
  @Column({ name: 'kind_enc', type: 'text' })
  kindEnc!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'addressed_at', type: 'timestamptz', nullable: true })
  addressedAt!: Date | null;

  @Column({ name: 'addressed_by_session_id', type: 'uuid', nullable: true })
  addressedBySessionId!: string | null;

  @Column({ name: 'addressed_note_enc', type: 'text', nullable: true })
  addressedNoteEnc!: string | null;
}

export const FOLLOW_UP_COLUMNS = {
  kind: 'client_follow_ups.kind_enc',
  addressedNote: 'client_follow_ups.addressed_note_enc',
} as const;
