import type { ClientStatus } from './client-status.js';
import { allow, refuse, type EthicsDecision } from './decision.js';
import { EthicsRule } from './ethics-rule.js';
import { compareLocalDates, formatLocalDate, isLeapYear, parseLocalDate, type LocalDate } from './local-date.js';

const ADULT_AGE = 18;

/** The intake screening questions; any "yes" means coaching is not the right service now. */
export type IntakeScreening = {
  activelySuicidal: boolean;
  activeAddiction: boolean;
  activeSelfHarm: boolean;
  outsideCompetence: boolean;
};

export type IntakeFacts = {
  dateOfBirth: LocalDate;
  /** The day the intake is decided for (the caller's "today"). */
  intakeDate: LocalDate;
  screening: IntakeScreening;
};

export type IntakeOutcome = {
  status: Extract<ClientStatus, 'active' | 'referral_required'>;
  /** Why a referral is required; empty when `active`. */
  reasons: EthicsRule[];
};

/**
 * Decides a new client's intake. Refuses SCOPE_MINOR when the person is under 18 on `intakeDate`
 * (a date of birth after the intake date is refused the same way). Otherwise the client is
 * `active`, or `referral_required` with SCOPE_RISK and/or SCOPE_COMPETENCE as reasons.
 * Someone born on 29 February turns 18 on 1 March in a non-leap year.
 */
export function decideIntake(facts: IntakeFacts): EthicsDecision<IntakeOutcome> {
  const adultOn = anniversary(facts.dateOfBirth, ADULT_AGE);
  parseLocalDate(facts.intakeDate, 'intakeDate');
  if (compareLocalDates(facts.intakeDate, adultOn) < 0) {
    return refuse(
      EthicsRule.SCOPE_MINOR,
      'Coaches do not work with minors, and this person is under 18 on the intake date, so nothing about them has been saved.',
      'Point them to a service for young people, such as a school counsellor or a youth mental-health service.',
    );
  }

  const { activelySuicidal, activeAddiction, activeSelfHarm, outsideCompetence } = facts.screening;
  const reasons: EthicsRule[] = [];
  if (activelySuicidal || activeAddiction || activeSelfHarm) reasons.push(EthicsRule.SCOPE_RISK);
  if (outsideCompetence) reasons.push(EthicsRule.SCOPE_COMPETENCE);
  return allow({ status: reasons.length > 0 ? 'referral_required' : 'active', reasons });
}

// The same month and day `years` later; 29 February rolls to 1 March in a non-leap year, the
// later of the two candidates, so nobody is treated as an adult a day early.
function anniversary(dateOfBirth: LocalDate, years: number): LocalDate {
  const { year, month, day } = parseLocalDate(dateOfBirth, 'dateOfBirth');
  const target = year + years;
  if (month === 2 && day === 29 && !isLeapYear(target)) return formatLocalDate({ year: target, month: 3, day: 1 });
  return formatLocalDate({ year: target, month, day });
}
