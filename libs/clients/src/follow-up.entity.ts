import { Column, Entity } from 'typeorm';
import { ClientRowColumns } from './client-row.columns.js';

/** Something a session left for the coach to address (SCOPE_INFLUENCE, PRACTICE_SAFE_CLOSE). */
@Entity('client_follow_ups')
export class FollowUpEntity extends ClientRowColumns {
  @Column({ name: 'opened_by_session_id', type: 'uuid' })
  openedBySessionId!: string;

  /** 'influence' or 'safety', encrypted: even the kind says something about the client. */
  @Column({ name: 'kind_enc', type: 'text' })
  kindEnc!: string;

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
