import { Column, Entity } from 'typeorm';
import { ClientRowColumns } from './client-row.columns.js';

/** A goal in the client's own words (PRACTICE_CLIENT_GOALS). */
@Entity('client_goals')
export class ClientGoalEntity extends ClientRowColumns {
  @Column({ name: 'statement_enc', type: 'text' })
  statementEnc!: string;
}

export const GOAL_COLUMNS = { statement: 'client_goals.statement_enc' } as const;
