import { allow, refuse, type EthicsDecision } from './decision.js';
import { EthicsRule } from './ethics-rule.js';
import { addMonths, compareLocalDates, daysBetween, parseLocalDate, type LocalDate } from './local-date.js';

/** The default renewal period of a certification body (CERT_RENEWAL: every two years). */
export const DEFAULT_RENEWAL_PERIOD_MONTHS = 24;

/** Days before expiry from which a certification is `renewal_due`. */
export const RENEWAL_DUE_WITHIN_DAYS = 90;

export type CertificationStatus = 'active' | 'renewal_due' | 'lapsed' | 'suspended' | 'revoked';

/**
 * The expiry of a cycle: `issuedOn` plus the renewal period, clamped to the end of a shorter
 * month (2024-02-29 + 24 months = 2026-02-28). The certification holds up to the day before;
 * on `expiresOn` itself it is lapsed.
 */
export function expiresOn(issuedOn: LocalDate, renewalPeriodMonths = DEFAULT_RENEWAL_PERIOD_MONTHS): LocalDate {
  if (!Number.isInteger(renewalPeriodMonths) || renewalPeriodMonths < 1) {
    throw new RangeError('renewalPeriodMonths must be a whole number of months, at least 1');
  }
  return addMonths(issuedOn, renewalPeriodMonths, 'issuedOn');
}

/**
 * The status of a certification on `asOf` (CERT_RENEWAL). Revoked wins over suspended, which wins
 * over the dates. Lapsed from `expiresOn` on; `renewal_due` with 90 days or fewer left.
 */
export function certificationStatus(facts: {
  expiresOn: LocalDate;
  asOf: LocalDate;
  suspended?: boolean;
  revoked?: boolean;
}): CertificationStatus {
  if (facts.revoked) return 'revoked';
  if (facts.suspended) return 'suspended';
  parseLocalDate(facts.expiresOn, 'expiresOn');
  parseLocalDate(facts.asOf, 'asOf');
  const daysLeft = daysBetween(facts.asOf, facts.expiresOn);
  if (daysLeft <= 0) return 'lapsed';
  return daysLeft <= RENEWAL_DUE_WITHIN_DAYS ? 'renewal_due' : 'active';
}

/**
 * True when the ethics review course was completed within the current cycle: on or after
 * `cycleStartedOn` and not after `asOf` (a completion dated in the future has not happened yet).
 */
export function ethicsReviewInCycle(facts: {
  ethicsReviewCompletedOn: LocalDate | null | undefined;
  cycleStartedOn: LocalDate;
  asOf: LocalDate;
}): boolean {
  const { ethicsReviewCompletedOn: completedOn, cycleStartedOn, asOf } = facts;
  parseLocalDate(cycleStartedOn, 'cycleStartedOn');
  parseLocalDate(asOf, 'asOf');
  if (completedOn === null || completedOn === undefined) return false;
  parseLocalDate(completedOn, 'ethicsReviewCompletedOn');
  return compareLocalDates(completedOn, cycleStartedOn) >= 0 && compareLocalDates(completedOn, asOf) <= 0;
}

/** Refuses a renewal without an ethics review course in the current cycle (CERT_ETHICS_REVIEW). */
export function decideRenewal(facts: {
  ethicsReviewCompletedOn: LocalDate | null | undefined;
  cycleStartedOn: LocalDate;
  asOf: LocalDate;
}): EthicsDecision {
  if (ethicsReviewInCycle(facts)) return allow();
  return refuse(
    EthicsRule.CERT_ETHICS_REVIEW,
    'This certification cannot be renewed: the coach has not recorded an ethics review course in the current cycle.',
    'Ask the coach to complete the ethics review course and record it in Haven, then renew.',
  );
}

/**
 * Refuses new clients to a coach whose certification is lapsed, suspended or revoked (CERT_AUDIT);
 * existing records stay open so clients can be handed over. `null` (no certification recorded
 * yet) is allowed: the body may not have onboarded the coach yet.
 */
export function decideNewClientAllowed(facts: { certificationStatus: CertificationStatus | null }): EthicsDecision {
  switch (facts.certificationStatus) {
    case null:
    case 'active':
    case 'renewal_due':
      return allow();
    case 'lapsed':
      return refuse(
        EthicsRule.CERT_AUDIT,
        'Your certification has lapsed, so you cannot take new clients. You can still open your existing records to hand clients over.',
        'Complete your ethics review course and ask your certification body to renew your certification.',
      );
    case 'suspended':
    case 'revoked':
      return refuse(
        EthicsRule.CERT_AUDIT,
        `Your certification is ${facts.certificationStatus}, so you cannot take new clients. You can still open your existing records to hand clients over.`,
        'Contact your certification body about your certification.',
      );
    default:
      return assertNever(facts.certificationStatus);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unknown certification status: ${String(value)}`);
}
