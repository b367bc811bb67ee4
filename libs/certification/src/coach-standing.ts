import { Injectable } from '@nestjs/common';
import type { Transaction } from '#haven/audit';
import type { CertificationStatus, LocalDate } from '#haven/ethics';
import { CertificationRepository } from './certification.repository.js';
import { statusOf } from './certification.mapper.js';

/**
 * A coach's certification status for decisions other features make (CERT_AUDIT at intake): read
 * in the coach's own transaction, so under their RLS scope. null: the coach holds no certification.
 */
@Injectable()
export class CoachStanding {
  constructor(private readonly repository: CertificationRepository) {}

  async certificationStatus(tx: Transaction, coachId: string, asOf: LocalDate): Promise<CertificationStatus | null> {
    const row = await this.repository.findCertification(tx, coachId, asOf);
    return row ? statusOf(row, asOf) : null;
  }
}
