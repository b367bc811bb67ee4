import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PageRequest } from '#haven/platform';
import { ClientGoalEntity } from './client-goal.entity.js';

@Injectable()
export class ClientGoalsRepository {
  async insert(manager: EntityManager, goal: Omit<ClientGoalEntity, 'seq'>): Promise<void> {
    await manager.insert(ClientGoalEntity, goal);
  }

  /** Newest first. */
  pageByClient(manager: EntityManager, clientId: string, page: PageRequest): Promise<ClientGoalEntity[]> {
    const query = manager.createQueryBuilder(ClientGoalEntity, 'goal').where('goal.clientId = :clientId', { clientId });
    if (page.after !== null) query.andWhere('goal.seq < :after', { after: page.after });
    return query
      .orderBy('goal.seq', 'DESC')
      .limit(page.limit + 1)
      .getMany();
  }

  /** Oldest first, for the export. */
  findAllByClient(manager: EntityManager, clientId: string): Promise<ClientGoalEntity[]> {
    return manager.find(ClientGoalEntity, { where: { clientId }, order: { seq: 'ASC' } });
  }
}
