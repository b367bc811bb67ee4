import { Column, Entity } from 'typeorm';
import { ClientRowColumns } from '#haven/clients';

/**
 * A session as first recorded. Append-only: what changes later is a new version of its notes.
 * `factsEnc` holds occurredAt, duration, status, fee type and the two safety answers as one JSON
 * EncString: written once together, read together, never queried.
 */
@Entity('session_records')
export class SessionRecordEntity extends ClientRowColumns {
  @Column({ name: 'facts_enc', type: 'text' })
  factsEnc!: string;
}

/** The AEAD purpose of each encrypted column ('<table>.<column>'). */
export const SESSION_COLUMNS = { facts: 'session_records.facts_enc' } as const;
