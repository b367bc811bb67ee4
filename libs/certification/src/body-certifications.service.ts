import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type CertificationStatus,
  decideRenewal,
  expiresOn,
  type LocalDate,
  RENEWAL_DUE_WITHIN_DAYS,
} from '#haven/ethics';
import type { AuthenticatedAccount } from '#haven/identity';
import { NotFoundException, type Page, type PageRequest, pageOf } from '#haven/platform';
import { CertificationAccess, type CertifierScope } from './certification-access.js';
import { type CertificationRow, CertificationRepository, type ReviewAction } from './certification.repository.js';
import {
  CertificationErrorCode,
  CertificationException,
  CertificationRefusalException,
} from './certification.errors.js';
import {
  type CertificationDetail,
  type CertificationSummary,
  statusOf,
  toCertificationDetail,
  toCertificationSummary,
} from './certification.mapper.js';
import { todayUtc } from './today-utc.js';

const STANDING_AFTER: Record<ReviewAction, 'suspended' | 'revoked' | 'good'> = {
  suspend: 'suspended',
  revoke: 'revoked',
  reinstate: 'good',
};

/** What a certifier does with their body's certifications (CERT_RENEWAL, CERT_ETHICS_REVIEW, CERT_AUDIT). */
@Injectable()
export class BodyCertificationsService {
  constructor(
    private readonly access: CertificationAccess,
    private readonly repository: CertificationRepository,
  ) {}

  /** Certifies a coach (by their account email) with the body: the first cycle starts on `issuedOn`. */
  certify(
    caller: AuthenticatedAccount,
    request: { coachEmail: string; credentialNumber: string; issuedOn: LocalDate },
  ): Promise<{ coachId: string; expiresOn: LocalDate; status: CertificationStatus }> {
    return this.access.asCertifier(caller, { action: 'certification.create', subjectId: null }, async (scope) => {
      const coach = await this.repository.findCoachByEmail(scope.tx, request.coachEmail);
      if (!coach) throw new NotFoundException('coach account with this email');
      const inserted = await this.repository.insertCertification(scope.tx, {
        coachId: coach.id,
        bodyId: scope.body.id,
        credentialNumber: request.credentialNumber,
      });
      if (!inserted) throw new CertificationException(CertificationErrorCode.ALREADY_CERTIFIED);
      const expiry = expiresOn(request.issuedOn, scope.body.renewalPeriodMonths);
      await this.repository.insertCycle(scope.tx, {
        id: randomUUID(),
        coachId: coach.id,
        bodyId: scope.body.id,
        seq: 1,
        issuedOn: request.issuedOn,
        expiresOn: expiry,
      });
      scope.tx.auditOnCommit({
        actorId: caller.accountId,
        actorRole: caller.role,
        action: 'certification.cycle_start',
        subjectId: coach.id,
        outcome: 'success',
      });
      return {
        coachId: coach.id,
        expiresOn: expiry,
        status: statusOf({ standing: 'good', lapsedOn: null, expiresOn: expiry }, todayUtc()),
      };
    });
  }

  list(
    caller: AuthenticatedAccount,
    status: CertificationStatus | null,
    page: PageRequest,
  ): Promise<Page<CertificationSummary>> {
    return this.access.asCertifier(caller, { action: 'certification.list', subjectId: null }, async ({ tx }) => {
      const asOf = todayUtc();
      const rows = await this.repository.pageCertifications(
        tx,
        { asOf, renewalDueWithinDays: RENEWAL_DUE_WITHIN_DAYS, status },
        page,
      );
      return pageOf(
        rows,
        page,
        (row) => row.coachId,
        (row) => toCertificationSummary(row, asOf),
      );
    });
  }

  /** Every coach of the body, for the CSV export. */
  all(caller: AuthenticatedAccount): Promise<CertificationSummary[]> {
    return this.access.asCertifier(caller, { action: 'certification.export_csv', subjectId: null }, async ({ tx }) => {
      const asOf = todayUtc();
      const rows = await this.repository.pageCertifications(
        tx,
        { asOf, renewalDueWithinDays: RENEWAL_DUE_WITHIN_DAYS, status: null },
        null,
      );
      return rows.map((row) => toCertificationSummary(row, asOf));
    });
  }

  /** One coach of the body; 404 for another body's coach, exactly as for an unknown id. */
  detail(caller: AuthenticatedAccount, coachId: string): Promise<CertificationDetail> {
    return this.access.asCertifier(caller, { action: 'certification.read', subjectId: coachId }, async ({ tx }) => {
      const asOf = todayUtc();
      const row = await this.find(tx, coachId, asOf);
      const [cycles, ethicsReviews, reminders, reviewCases, auditRequests] = await Promise.all([
        this.repository.cyclesOf(tx, coachId),
        this.repository.ethicsReviewsOf(tx, coachId),
        this.repository.remindersOf(tx, coachId),
        this.repository.reviewCasesOf(tx, coachId),
        this.repository.auditRequestsOf(tx, coachId),
      ]);
      return toCertificationDetail(row, asOf, { cycles, ethicsReviews, reminders, reviewCases, auditRequests });
    });
  }

  /**
   * Renews (CERT_ETHICS_REVIEW): refused without an ethics review in the current cycle; otherwise the
   * next cycle starts at the previous expiry, not today, and lasts the body's renewal period.
   */
  renew(caller: AuthenticatedAccount, coachId: string): Promise<{ expiresOn: LocalDate }> {
    return this.access.asCertifier(caller, { action: 'certification.renew', subjectId: coachId }, async (scope) => {
      const asOf = todayUtc();
      const row = await this.findLocked(scope, coachId, asOf);
      if (row.standing === 'revoked') throw new CertificationException(CertificationErrorCode.CERTIFICATION_REVOKED);
      const decision = decideRenewal({
        ethicsReviewCompletedOn: row.ethicsReviewCompletedOn,
        cycleStartedOn: row.issuedOn,
        asOf,
      });
      if (!decision.allowed) throw new CertificationRefusalException(decision);
      await this.repository.closeCycle(scope.tx, row.cycleId);
      const next = expiresOn(row.expiresOn, scope.body.renewalPeriodMonths);
      await this.repository.insertCycle(scope.tx, {
        id: randomUUID(),
        coachId,
        bodyId: scope.body.id,
        seq: row.cycleSeq + 1,
        issuedOn: row.expiresOn,
        expiresOn: next,
      });
      return { expiresOn: next };
    });
  }

  /** Opens a review case that suspends, revokes or reinstates (CERT_AUDIT); a reinstatement also lifts a stored lapse. */
  review(
    caller: AuthenticatedAccount,
    coachId: string,
    action: ReviewAction,
    reason: string,
  ): Promise<{ coachId: string; status: CertificationStatus }> {
    return this.access.asCertifier(caller, { action: `certification.${action}`, subjectId: coachId }, async (scope) => {
      const asOf = todayUtc();
      await this.findLocked(scope, coachId, asOf);
      await this.repository.insertReviewCase(scope.tx, {
        id: randomUUID(),
        coachId,
        bodyId: scope.body.id,
        certifierId: scope.certifierId,
        action,
        reason,
      });
      await this.repository.setStanding(scope.tx, coachId, STANDING_AFTER[action]);
      if (action === 'reinstate') await this.repository.clearStoredLapse(scope.tx, coachId);
      const row = await this.find(scope.tx, coachId, asOf);
      return { coachId, status: statusOf(row, asOf) };
    });
  }

  private async findLocked(scope: CertifierScope, coachId: string, asOf: LocalDate): Promise<CertificationRow> {
    if (!(await this.repository.lockCertification(scope.tx, coachId))) throw new NotFoundException('certification');
    return this.find(scope.tx, coachId, asOf);
  }

  private async find(tx: CertifierScope['tx'], coachId: string, asOf: LocalDate): Promise<CertificationRow> {
    const row = await this.repository.findCertification(tx, coachId, asOf);
    if (!row) throw new NotFoundException('certification');
    return row;
  }
}
