import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Version 1 is the record as written; each amendment adds the next version with its reason (CONF_RECORDS). */
@Entity('session_record_versions')
export class SessionRecordVersionEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ name: 'coach_id', type: 'uuid' })
  coachId!: string;

  @Column({ name: 'notes_enc', type: 'text' })
  notesEnc!: string;

  /** Null for version 1 only. */
  @Column({ name: 'reason_enc', type: 'text', nullable: true })
  reasonEnc!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export const VERSION_COLUMNS = {
  notes: 'session_record_versions.notes_enc',
  reason: 'session_record_versions.reason_enc',
} as const;

/** The row id a version's ciphertexts are bound to: session and version number together. */
export function versionRowId(sessionId: string, version: number): string {
  return `${sessionId}/v${version}`;
}
