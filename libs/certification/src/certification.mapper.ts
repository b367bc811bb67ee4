import { type CertificationStatus, certificationStatus, type LocalDate } from '#haven/ethics';
import type {
  AuditRequestRow,
  CertificationRow,
  CycleRow,
  EthicsReviewRow,
  ReminderRow,
  ReviewCaseRow,
} from './certification.repository.js';

/**
 * A certification's status on `asOf` (CERT_RENEWAL), with what a sweep stored: a lapse it recorded
 * stays until a renewal (a new cycle) or a reinstatement clears it, even on an earlier day.
 */
export function statusOf(
  row: Pick<CertificationRow, 'standing' | 'lapsedOn' | 'expiresOn'>,
  asOf: LocalDate,
): CertificationStatus {
  const status = certificationStatus({
    expiresOn: row.expiresOn,
    asOf,
    suspended: row.standing === 'suspended',
    revoked: row.standing === 'revoked',
  });
  return row.lapsedOn !== null && (status === 'active' || status === 'renewal_due') ? 'lapsed' : status;
}

/** One coach of the body as the dashboard, the CSV and the list show it. */
export interface CertificationSummary {
  coachId: string;
  displayName: string;
  credentialNumber: string;
  status: CertificationStatus;
  expiresOn: LocalDate;
  ethicsReviewCompletedOn: LocalDate | null;
  remindersSent: number;
}

export function toCertificationSummary(row: CertificationRow, asOf: LocalDate): CertificationSummary {
  return {
    coachId: row.coachId,
    displayName: row.displayName,
    credentialNumber: row.credentialNumber,
    status: statusOf(row, asOf),
    expiresOn: row.expiresOn,
    ethicsReviewCompletedOn: row.ethicsReviewCompletedOn,
    remindersSent: row.remindersSent,
  };
}

export interface CertificationDetail extends CertificationSummary {
  cycles: {
    seq: number;
    issuedOn: LocalDate;
    expiresOn: LocalDate;
    lapsedOn: LocalDate | null;
    renewedAt: string | null;
  }[];
  ethicsReviews: { id: string; courseName: string; completedOn: LocalDate; certificateId: string }[];
  reminders: { cycleSeq: number; daysBefore: number; state: string; asOf: LocalDate; sentAt: string }[];
  reviewCases: { id: string; action: string; reason: string; certifierId: string; createdAt: string }[];
  auditRequests: { sampleId: string; evidenceDueOn: LocalDate; requestedAt: string; answeredAt: string | null }[];
}

export function toCertificationDetail(
  row: CertificationRow,
  asOf: LocalDate,
  history: {
    cycles: CycleRow[];
    ethicsReviews: EthicsReviewRow[];
    reminders: ReminderRow[];
    reviewCases: ReviewCaseRow[];
    auditRequests: AuditRequestRow[];
  },
): CertificationDetail {
  const seqOf = new Map(history.cycles.map((cycle) => [cycle.id, cycle.seq]));
  return {
    ...toCertificationSummary(row, asOf),
    cycles: history.cycles.map((cycle) => ({
      seq: cycle.seq,
      issuedOn: cycle.issuedOn,
      expiresOn: cycle.expiresOn,
      lapsedOn: cycle.lapsedOn,
      renewedAt: cycle.renewedAt?.toISOString() ?? null,
    })),
    ethicsReviews: history.ethicsReviews.map(({ id, courseName, completedOn, certificateId }) => ({
      id,
      courseName,
      completedOn,
      certificateId,
    })),
    reminders: history.reminders.map((reminder) => ({
      cycleSeq: seqOf.get(reminder.cycleId) ?? 0,
      daysBefore: reminder.daysBefore,
      state: reminder.state,
      asOf: reminder.asOf,
      sentAt: reminder.claimedAt.toISOString(),
    })),
    reviewCases: history.reviewCases.map((entry) => ({
      id: entry.id,
      action: entry.action,
      reason: entry.reason,
      certifierId: entry.certifierId,
      createdAt: entry.createdAt.toISOString(),
    })),
    auditRequests: history.auditRequests.map(toAuditRequest),
  };
}

export function toAuditRequest(request: AuditRequestRow) {
  return {
    sampleId: request.sampleId,
    evidenceDueOn: request.evidenceDueOn,
    requestedAt: request.requestedAt.toISOString(),
    answeredAt: request.answeredAt?.toISOString() ?? null,
  };
}
