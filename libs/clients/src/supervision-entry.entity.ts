import { Column, Entity } from 'typeorm';
import { ClientRowColumns } from './client-row.columns.js';

/** One supervision the coach sought about a client (SCOPE_COMPETENCE): when, with whom, notes. */
@Entity('client_supervision_entries')
export class SupervisionEntryEntity extends ClientRowColumns {
  @Column({ name: 'supervised_on_enc', type: 'text' })
  supervisedOnEnc!: string;

  @Column({ name: 'supervisor_enc', type: 'text' })
  supervisorEnc!: string;

  @Column({ name: 'notes_enc', type: 'text' })
  notesEnc!: string;
}

export const SUPERVISION_COLUMNS = {
  supervisedOn: 'client_supervision_entries.supervised_on_enc',
  supervisor: 'client_supervision_entries.supervisor_enc',
  notes: 'client_supervision_entries.notes_enc',
} as const;
