import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One supervision the coach sought about a client (SCOPE_COMPETENCE): when, with whom, notes. */
@Entity('client_supervision_entries')
export class SupervisionEntryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'coach_id', type: 'uuid' })
  coachId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ name: 'supervised_on_enc', type: 'text' })
  supervisedOnEnc!: string;

  @Column({ name: 'supervisor_enc', type: 'text' })
  supervisorEnc!: string;

  @Column({ name: 'notes_enc', type: 'text' })
  notesEnc!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export const SUPERVISION_COLUMNS = {
  supervisedOn: 'client_supervision_entries.supervised_on_enc',
  supervisor: 'client_supervision_entries.supervisor_enc',
  notes: 'client_supervision_entries.notes_enc',
} as const;
