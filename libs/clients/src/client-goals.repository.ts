import { Injectable } from '@nestjs/common';
import { ClientGoalEntity } from './client-goal.entity.js';
import { ClientRowsRepository } from './client-rows.repository.js';

@Injectable()
export class ClientGoalsRepository extends ClientRowsRepository<ClientGoalEntity> {
  constructor() {
    super(ClientGoalEntity, 'client_goals');
  }
}
