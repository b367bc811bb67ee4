import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A goal in the client's own words (PRACTICE_CLIENT_GOALS). */
@Entity('client_goals')
export class ClientGoalEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'coach_id', type: 'uuid' })
  coachId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ name: 'statement_enc', type: 'text' })
  statementEnc!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export const GOAL_COLUMNS = { statement: 'client_goals.statement_enc' } as const;
