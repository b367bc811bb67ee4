import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PageRequest } from '#haven/platform';
import { SupervisionEntryEntity } from './supervision-entry.entity.js';

@Injectable()
export class SupervisionRepository {
  async insert(manager: EntityManager, entry: Omit<SupervisionEntryEntity, 'seq'>): Promise<void> {
    await manager.insert(SupervisionEntryEntity, entry);
  }

  /** Newest first. */
  pageByClient(manager: EntityManager, clientId: string, page: PageRequest): Promise<SupervisionEntryEntity[]> {
    const query = manager
      .createQueryBuilder(SupervisionEntryEntity, 'entry')
      .where('entry.clientId = :clientId', { clientId });
    if (page.after !== null) query.andWhere('entry.seq < :after', { after: page.after });
    return query
      .orderBy('entry.seq', 'DESC')
      .limit(page.limit + 1)
      .getMany();
  }

  /** Oldest first, for the export. */
  findAllByClient(manager: EntityManager, clientId: string): Promise<SupervisionEntryEntity[]> {
    return manager.find(SupervisionEntryEntity, { where: { clientId }, order: { seq: 'ASC' } });
  }
}
