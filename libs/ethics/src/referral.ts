import { allow, refuse, type EthicsDecision } from './decision.js';
import { EthicsRule } from './ethics-rule.js';
import { addMonths, compareLocalDates, parseLocalDate, type LocalDate } from './local-date.js';

/** How often a coach re-vets a provider by default (PRACTICE_VETTED_REFERRAL). */
export const DEFAULT_REVETTING_MONTHS = 12;

/**
 * The day a provider's vetting runs out: `vettedOn` plus `months`, clamped to the end of a shorter
 * month. From this day on the provider must be re-vetted before a referral.
 */
export function vettingDueOn(vettedOn: LocalDate, months = DEFAULT_REVETTING_MONTHS): LocalDate {
  if (!Number.isInteger(months) || months < 1) throw new RangeError('months must be a whole number, at least 1');
  return addMonths(vettedOn, months, 'vettedOn');
}

/**
 * Allows a referral only to a provider on the coach's own list whose vetting is current on `asOf`
 * (PRACTICE_VETTED_REFERRAL). A vetting dated after `asOf` has not happened yet and does not count.
 */
export function decideReferral(facts: {
  providerOwnedByCoach: boolean;
  vettedOn: LocalDate;
  asOf: LocalDate;
  revettingMonths?: number;
}): EthicsDecision {
  if (!facts.providerOwnedByCoach) {
    return refuse(
      EthicsRule.PRACTICE_VETTED_REFERRAL,
      'You can only refer to a provider you have vetted yourself, and this provider is not on your list.',
      'Vet the provider and add them to your own list, or choose a provider from it.',
    );
  }
  parseLocalDate(facts.asOf, 'asOf');
  const dueOn = vettingDueOn(facts.vettedOn, facts.revettingMonths);
  const current = compareLocalDates(facts.vettedOn, facts.asOf) <= 0 && compareLocalDates(facts.asOf, dueOn) < 0;
  if (current) return allow();
  return refuse(
    EthicsRule.PRACTICE_VETTED_REFERRAL,
    'Your vetting of this provider is out of date, so you cannot refer to them yet.',
    'Vet the provider again and record the new vetting, then make the referral.',
  );
}
