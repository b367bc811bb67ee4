import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import { FollowUpEntity } from './follow-up.entity.js';

@Injectable()
export class FollowUpsRepository {
  async insertMany(manager: EntityManager, followUps: Omit<FollowUpEntity, 'seq'>[]): Promise<void> {
    if (followUps.length > 0) await manager.insert(FollowUpEntity, followUps);
  }

  /** Oldest first: the order they were opened in. */
  findOpenByClient(manager: EntityManager, clientId: string): Promise<FollowUpEntity[]> {
    return manager.find(FollowUpEntity, { where: { clientId, addressedAt: IsNull() }, order: { seq: 'ASC' } });
  }

  findAllByClient(manager: EntityManager, clientId: string): Promise<FollowUpEntity[]> {
    return manager.find(FollowUpEntity, { where: { clientId }, order: { seq: 'ASC' } });
  }

  findByIds(manager: EntityManager, clientId: string, ids: string[]): Promise<FollowUpEntity[]> {
    return manager.find(FollowUpEntity, { where: { clientId, id: In(ids) } });
  }

  /** Marks one follow-up addressed unless it already was; false when it was not open. */
  async markAddressed(
    manager: EntityManager,
    id: string,
    addressed: { at: Date; bySessionId: string | null; noteEnc: string | null },
  ): Promise<boolean> {
    const result = await manager.update(
      FollowUpEntity,
      { id, addressedAt: IsNull() },
      { addressedAt: addressed.at, addressedBySessionId: addressed.bySessionId, addressedNoteEnc: addressed.noteEnc },
    );
    return (result.affected ?? 0) === 1;
  }
}
