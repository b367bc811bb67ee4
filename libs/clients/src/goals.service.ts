import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedAccount } from '#haven/identity';
import { pageOf, type Page, type PageRequest } from '#haven/platform';
import { ClientAccess } from './client-access.js';
import { ClientGoalsRepository } from './client-goals.repository.js';
import { decryptGoal, type GoalView, sealGoalStatement } from './goal.mapper.js';

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
        statementEnc: await sealGoalStatement(client, id, statement),
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
        (row) => row.id,
        (row) => decryptGoal(client, row),
      );
    });
  }
}
