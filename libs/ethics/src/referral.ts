import { allow, refuse, type EthicsDecision } from './decision.js';
import { EthicsRule } from './ethics-rule.js';
import { addMonths, compareLocalDates, daysBetween, parseLocalDate, type LocalDate } from './local-date.js';

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
 * Whether a vetting on `vettedOn` is current on `asOf`: on or after the vetting, before its due day.
 * A vetting dated after `asOf` has not happened yet and does not count.
 */
export function vettingCurrent(vettedOn: LocalDate, asOf: LocalDate, months = DEFAULT_REVETTING_MONTHS): boolean {
  parseLocalDate(asOf, 'asOf');
  const dueOn = vettingDueOn(vettedOn, months);
  return compareLocalDates(vettedOn, asOf) <= 0 && compareLocalDates(asOf, dueOn) < 0;
}

/** How many days before a vetting runs out the coach is reminded to re-vet (PRACTICE_VETTED_REFERRAL). */
export const REVETTING_REMINDER_DAYS = 30;

/**
 * Whether the coach should be reminded on `asOf` to re-vet a provider whose vetting runs out on
 * `dueOn`: from 30 days before that day on, and still after it (a lapsed vetting needs it most).
 * The sweep sends it at most once per provider and due day.
 */
export function revettingReminderDue(dueOn: LocalDate, asOf: LocalDate): boolean {
  return daysBetween(asOf, dueOn) <= REVETTING_REMINDER_DAYS;
}

/** What a coach's vetted provider is. Only a therapist or a psychiatrist takes a transfer to therapy. */
export const PROVIDER_KINDS = [
  'therapist',
  'psychiatrist',
  'physician',
  'hospital',
  'crisis_line',
  'support_group',
  'coach',
  'other',
] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/**
 * A client in mental-health crisis is helped to transfer to therapy (SCOPE_CRISIS): the engagement
 * ends with a referral to a therapist or a psychiatrist, nobody else. Whether that provider is the
 * coach's own and currently vetted is `decideReferral`'s question.
 */
export function decideTransferToTherapy(facts: { providerKind: ProviderKind }): EthicsDecision {
  if (facts.providerKind === 'therapist' || facts.providerKind === 'psychiatrist') return allow();
  return refuse(
    EthicsRule.SCOPE_CRISIS,
    'A transfer to therapy must refer the client to a therapist or a psychiatrist, and this provider is neither.',
    'Choose a vetted therapist or psychiatrist from your list, or end the engagement without the transfer reason.',
  );
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
  if (vettingCurrent(facts.vettedOn, facts.asOf, facts.revettingMonths)) return allow();
  return refuse(
    EthicsRule.PRACTICE_VETTED_REFERRAL,
    'Your vetting of this provider is out of date, so you cannot refer to them yet.',
    'Vet the provider again and record the new vetting, then make the referral.',
  );
}
