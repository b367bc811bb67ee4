import type { OpenClient } from './client-access.js';
import { GOAL_COLUMNS, type ClientGoalEntity } from './client-goal.entity.js';
import type { GoalResponseDto } from './dto/goal.dto.js';

// A goal between its row and the API: sealed on write, opened on read, shaped for answers.

export interface GoalView {
  id: string;
  statement: string;
  recordedAt: Date;
}

export function sealGoalStatement(client: OpenClient, id: string, statement: string): Promise<string> {
  return client.cipher.seal(GOAL_COLUMNS.statement, id, statement);
}

export async function decryptGoal(client: OpenClient, row: ClientGoalEntity): Promise<GoalView> {
  return {
    id: row.id,
    statement: await client.cipher.open(GOAL_COLUMNS.statement, row.id, row.statementEnc),
    recordedAt: row.createdAt,
  };
}

export function toGoalResponse(view: GoalView): GoalResponseDto {
  return { id: view.id, statement: view.statement, recordedAt: view.recordedAt.toISOString() };
}
