import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Transaction } from '#haven/audit';
import type { CertificationStatus, LocalDate } from '#haven/ethics';
import type { AuthenticatedAccount } from '#haven/identity';
import { CertificationAccess } from './certification-access.js';
import { CertificationRepository } from './certification.repository.js';
import { CertificationErrorCode, CertificationException } from './certification.errors.js';
import { statusOf, toAuditRequest } from './certification.mapper.js';
import { todayUtc } from './today-utc.js';

export interface MyCertificationView {
  body: { id: string; name: string };
  credentialNumber: string;
  status: CertificationStatus;
  expiresOn: LocalDate;
  ethicsReviewCompletedOn: LocalDate | null;
  reminders: { daysBefore: number; sentAt: string }[];
  auditRequests: ReturnType<typeof toAuditRequest>[];
}

/** The coach's own certification (read under app.current_coach) and their ethics review courses. */
@Injectable()
export class MyCertificationService {
  constructor(
    private readonly access: CertificationAccess,
    private readonly repository: CertificationRepository,
  ) {}

  mine(caller: AuthenticatedAccount): Promise<MyCertificationView> {
    return this.access.asCoach(
      caller,
      { action: 'certification.read_own', subjectId: caller.accountId },
      async (tx) => {
        const asOf = todayUtc();
        const row = await this.findOwn(tx, caller.accountId, asOf);
        const [body, reminders, auditRequests] = await Promise.all([
          this.repository.findBody(tx, row.bodyId),
          this.repository.remindersOf(tx, caller.accountId),
          this.repository.auditRequestsOf(tx, caller.accountId),
        ]);
        return {
          body: { id: row.bodyId, name: body?.name ?? '' },
          credentialNumber: row.credentialNumber,
          status: statusOf(row, asOf),
          expiresOn: row.expiresOn,
          ethicsReviewCompletedOn: row.ethicsReviewCompletedOn,
          reminders: reminders
            .filter((reminder) => reminder.cycleId === row.cycleId && reminder.state === 'queued')
            .map((reminder) => ({ daysBefore: reminder.daysBefore, sentAt: reminder.claimedAt.toISOString() })),
          auditRequests: auditRequests.filter((request) => request.answeredAt === null).map(toAuditRequest),
        };
      },
    );
  }

  /** Records an ethics review course (CERT_ETHICS_REVIEW); the body verifies it before renewing. */
  recordEthicsReview(
    caller: AuthenticatedAccount,
    request: { courseName: string; completedOn: LocalDate; certificateId: string },
  ): Promise<{ id: string }> {
    const id = randomUUID();
    return this.access.asCoach(caller, { action: 'certification.ethics_review', subjectId: id }, async (tx) => {
      const row = await this.findOwn(tx, caller.accountId, todayUtc());
      await this.repository.insertEthicsReview(tx, { id, coachId: caller.accountId, bodyId: row.bodyId, ...request });
      return { id };
    });
  }

  private async findOwn(tx: Transaction, coachId: string, asOf: LocalDate) {
    const row = await this.repository.findCertification(tx, coachId, asOf);
    if (!row) throw new CertificationException(CertificationErrorCode.NOT_CERTIFIED);
    return row;
  }
}
