import { Injectable } from '@nestjs/common';
import { ClientRowsRepository } from './client-rows.repository.js';
import { SupervisionEntryEntity } from './supervision-entry.entity.js';

@Injectable()
export class SupervisionRepository extends ClientRowsRepository<SupervisionEntryEntity> {
  constructor() {
    super(SupervisionEntryEntity, 'client_supervision_entries');
  }
}
