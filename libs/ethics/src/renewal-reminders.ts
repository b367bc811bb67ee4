import { addDays, compareLocalDates, parseLocalDate, type LocalDate } from './local-date.js';

/** Days before expiry on which the coach is emailed (CERT_REMINDERS), most distant first. */
export const REMINDER_OFFSETS_DAYS = [90, 60, 30, 14, 7, 1] as const;

export type ReminderOffset = (typeof REMINDER_OFFSETS_DAYS)[number];

/**
 * The reminder to send on `asOf`, as a list of zero or one offset (CERT_REMINDERS).
 * It is the most urgent offset whose day (`expiresOn` − offset) has come, unless that one was
 * already sent. Missed earlier offsets are superseded, so a sweep that ran late sends one email,
 * not a burst. Nothing is due from `expiresOn` on: the certification has lapsed.
 * `alreadySent` holds the offsets sent in this cycle only; the caller scopes it to the cycle.
 */
export function dueReminders(facts: {
  expiresOn: LocalDate;
  asOf: LocalDate;
  alreadySent: readonly number[];
}): ReminderOffset[] {
  parseLocalDate(facts.expiresOn, 'expiresOn');
  parseLocalDate(facts.asOf, 'asOf');
  if (compareLocalDates(facts.asOf, facts.expiresOn) >= 0) return [];
  const reached = REMINDER_OFFSETS_DAYS.filter(
    (offset) => compareLocalDates(addDays(facts.expiresOn, -offset), facts.asOf) <= 0,
  );
  const mostUrgent = reached.at(-1);
  if (mostUrgent === undefined || facts.alreadySent.includes(mostUrgent)) return [];
  return [mostUrgent];
}
