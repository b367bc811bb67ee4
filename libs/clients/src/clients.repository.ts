import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { Queries } from '#haven/audit';
import type { ClientStatus } from '#haven/ethics';
import { keysetPage, type PageRequest } from '#haven/platform';
import { ClientEntity } from './client.entity.js';

/** Named queries over clients. Row-level security already hides other coaches' rows; the coach id is repeated for the index. */
@Injectable()
export class ClientsRepository {
  async insert(db: Queries, client: Omit<ClientEntity, 'seq' | 'deletedAt'>): Promise<void> {
    await db.insert(ClientEntity, { ...client, deletedAt: null });
  }

  /** A client that has not been deleted, or null (unknown, another coach's, or shredded). */
  findLive(db: Queries, coachId: string, clientId: string): Promise<ClientEntity | null> {
    return db.findOne(ClientEntity, { id: clientId, coachId, deletedAt: IsNull() });
  }

  /** Newest intake first. */
  pageLive(db: Queries, coachId: string, page: PageRequest): Promise<ClientEntity[]> {
    return db.find(
      ClientEntity,
      keysetPage<ClientEntity>({ coachId, deletedAt: IsNull() }, { key: 'seq', order: 'DESC', table: 'clients' }, page),
    );
  }

  /** Id and wrapped key of every live client of the coach (reports that span clients). */
  findAllLiveKeys(db: Queries, coachId: string): Promise<Pick<ClientEntity, 'id' | 'status' | 'wrappedKey'>[]> {
    return db.find(ClientEntity, {
      select: { id: true, status: true, wrappedKey: true },
      where: { coachId, deletedAt: IsNull() },
    });
  }

  async updateSupervisionSought(db: Queries, clientId: string, supervisionSoughtEnc: string): Promise<void> {
    await db.update(ClientEntity, { id: clientId, deletedAt: IsNull() }, { supervisionSoughtEnc });
  }

  /** Crypto-shredding: forgets the wrapped client key. False when there was no live client. */
  async shred(db: Queries, coachId: string, clientId: string, at: Date): Promise<boolean> {
    const updated = await db.update(
      ClientEntity,
      { id: clientId, coachId, deletedAt: IsNull() },
      { wrappedKey: null, deletedAt: at },
    );
    return updated === 1;
  }

  /** Moves a live client's status, only from the status it was read in. False when it had moved meanwhile. */
  async moveStatus(db: Queries, clientId: string, from: ClientStatus, to: ClientStatus): Promise<boolean> {
    return (await db.update(ClientEntity, { id: clientId, status: from, deletedAt: IsNull() }, { status: to })) === 1;
  }
}
