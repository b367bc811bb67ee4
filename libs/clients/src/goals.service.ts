import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedAccount } from '#haven/identity';
import { pageOf, type Page, type PageRequest } from '#haven/platform';
import { ClientAccess, type OpenClient } from './client-access.js';
import { GOAL_COLUMNS, type ClientGoalEntity } from './client-goal.entity.js';
import { ClientGoalsRepository } from './client-goals.repository.js';
import type { GoalView } from './dto/goal.dto.js';

/** Goals in the client's own words (PRACTICE_CLIENT_GOALS): stored as written, never rephrased. */
@Injectable()
export class GoalsService {
  constructor(
    private readonly access: ClientAccess,
    private readonly goals: ClientGoalsRepository,
  ) {}

  add(caller: AuthenticatedAccount, clientId: string, statement: string): Promise<GoalView> {
    const id = randomUUID();
    return this.access.run(caller, { action: 'client.goal.create', subjectId: id }, async (scope) => {
      const client = await this.access.openClient(scope, clientId);
      const recordedAt = new Date();
      await this.goals.insert(scope.tx, {
        id,
        coachId: scope.coachId,
        clientId: client.id,
        statementEnc: await client.cipher.seal(GOAL_COLUMNS.statement, id, statement),
        createdAt: recordedAt,
      });
      return { id, statement, recordedAt };
    });
  }

  list(caller: AuthenticatedAccount, clientId: string, page: PageRequest): Promise<Page<GoalView>> {
    return this.access.run(caller, { action: 'client.goal.list', subjectId: clientId }, async (scope) => {
      const client = await this.access.openClient(scope, clientId);
      const rows = await this.goals.pageByClient(scope.tx, client.id, page);
      return pageOf(
        rows,
        page,
        (row) => row.seq,
        (row) => decryptGoal(client, row),
      );
    });
  }
}

export async function decryptGoal(client: OpenClient, row: ClientGoalEntity): Promise<GoalView> {
  return {
    id: row.id,
    statement: await client.cipher.open(GOAL_COLUMNS.statement, row.id, row.statementEnc),
    recordedAt: row.createdAt,
  };
}
