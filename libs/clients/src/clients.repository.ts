import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import type { PageRequest } from '#haven/platform';
import { ClientEntity } from './client.entity.js';

/** Named queries over clients. Row-level security already hides other coaches' rows; the coach id is repeated for the index. */
@Injectable()
export class ClientsRepository {
  async insert(manager: EntityManager, client: Omit<ClientEntity, 'seq' | 'deletedAt'>): Promise<void> {
    await manager.insert(ClientEntity, { ...client, deletedAt: null });
  }

  /** A client that has not been deleted, or null (unknown, another coach's, or shredded). */
  findLive(manager: EntityManager, coachId: string, clientId: string): Promise<ClientEntity | null> {
    return manager.findOneBy(ClientEntity, { id: clientId, coachId, deletedAt: IsNull() });
  }

  /** Newest intake first. */
  pageLive(manager: EntityManager, coachId: string, page: PageRequest): Promise<ClientEntity[]> {
    const query = manager
      .createQueryBuilder(ClientEntity, 'client')
      .where('client.coachId = :coachId', { coachId })
      .andWhere('client.deletedAt IS NULL');
    if (page.after !== null) query.andWhere('client.seq < :after', { after: page.after });
    return query
      .orderBy('client.seq', 'DESC')
      .limit(page.limit + 1)
      .getMany();
  }

  /** Id and wrapped key of every live client of the coach (reports that span clients). */
  findAllLiveKeys(
    manager: EntityManager,
    coachId: string,
  ): Promise<Pick<ClientEntity, 'id' | 'status' | 'wrappedKey'>[]> {
    return manager.find(ClientEntity, {
      select: { id: true, status: true, wrappedKey: true },
      where: { coachId, deletedAt: IsNull() },
    });
  }

  async updateSupervisionSought(manager: EntityManager, clientId: string, supervisionSoughtEnc: string): Promise<void> {
    await manager.update(ClientEntity, { id: clientId, deletedAt: IsNull() }, { supervisionSoughtEnc });
  }

  /** Crypto-shredding: forgets the wrapped client key. False when there was no live client. */
  async shred(manager: EntityManager, coachId: string, clientId: string, at: Date): Promise<boolean> {
    const result = await manager.update(
      ClientEntity,
      { id: clientId, coachId, deletedAt: IsNull() },
      { wrappedKey: null, deletedAt: at },
    );
    return (result.affected ?? 0) === 1;
  }
}
