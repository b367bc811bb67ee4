import { parseLocalDate, type LocalDate } from './local-date.js';
import type { SessionStatus } from './session-record.js';

/** How a session was charged; missing means `standard`. */
export type FeeType = 'standard' | 'sliding_scale' | 'pro_bono';

export type GiveBackSession = {
  /** The session's calendar date in UTC (the date part of `occurredAt`). */
  occurredOn: LocalDate;
  status: SessionStatus;
  feeType?: FeeType;
};

export type GiveBackYear = {
  year: number;
  held: number;
  slidingScale: number;
  proBono: number;
  /** (slidingScale + proBono) / held, between 0 and 1; rounding is left to the display. */
  share: number;
};

/**
 * The coach's affordable-services share per calendar year (PRACTICE_GIVE_BACK), oldest year
 * first. Only held sessions count; a year with no held session does not appear.
 */
export function giveBackShareByYear(sessions: readonly GiveBackSession[]): GiveBackYear[] {
  const years = new Map<number, Omit<GiveBackYear, 'share'>>();
  for (const session of sessions) {
    const { year } = parseLocalDate(session.occurredOn, 'occurredOn');
    // A rescheduled session gave the client nothing, whatever its fee type.
    if (session.status !== 'held') continue;
    const tally = years.get(year) ?? { year, held: 0, slidingScale: 0, proBono: 0 };
    tally.held += 1;
    if (session.feeType === 'sliding_scale') tally.slidingScale += 1;
    if (session.feeType === 'pro_bono') tally.proBono += 1;
    years.set(year, tally);
  }
  return [...years.values()]
    .sort((a, b) => a.year - b.year)
    .map((tally) => ({ ...tally, share: (tally.slidingScale + tally.proBono) / tally.held }));
}
