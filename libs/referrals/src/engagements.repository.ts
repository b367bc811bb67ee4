import { Injectable } from '@nestjs/common';
import { ClientRowsRepository } from '#haven/clients';
import { ClientEndingEntity, ClientReferralEntity } from './engagement.entity.js';

@Injectable()
export class ReferralsRepository extends ClientRowsRepository<ClientReferralEntity> {
  constructor() {
    super(ClientReferralEntity, 'client_referrals');
  }
}

@Injectable()
export class EndingsRepository extends ClientRowsRepository<ClientEndingEntity> {
  constructor() {
    super(ClientEndingEntity, 'client_endings');
  }
}
