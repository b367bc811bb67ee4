/**
 * A calendar date as `YYYY-MM-DD`, with no time and no timezone. The ethics rules decide by
 * calendar day, so all math here is on whole days in UTC and never reads the clock.
 */
export type LocalDate = string;

type CalendarDate = { year: number; month: number; day: number };

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (2025-02-30 is not). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Parses a date or throws a RangeError naming the field (never the value: it may be a birth date). */
export function parseLocalDate(value: LocalDate, field: string): CalendarDate {
  if (!isLocalDate(value)) throw new RangeError(`${field} must be a calendar date written YYYY-MM-DD`);
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

export function formatLocalDate({ year, month, day }: CalendarDate): LocalDate {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01. */
function toEpochDay({ year, month, day }: CalendarDate): number {
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  return Math.round(instant.getTime() / DAY_MS);
}

function fromEpochDay(epochDay: number): CalendarDate {
  const instant = new Date(epochDay * DAY_MS);
  return {
    year: instant.getUTCFullYear(),
    month: instant.getUTCMonth() + 1,
    day: instant.getUTCDate(),
  };
}

export function addDays(date: LocalDate, days: number, field = 'date'): LocalDate {
  return formatLocalDate(fromEpochDay(toEpochDay(parseLocalDate(date, field)) + days));
}

/** Adds calendar months, clamping to the end of a shorter month (2024-01-31 + 1 = 2024-02-29). */
export function addMonths(date: LocalDate, months: number, field = 'date'): LocalDate {
  const { year, month, day } = parseLocalDate(date, field);
  const monthIndex = year * 12 + (month - 1) + months;
  const target = { year: Math.floor(monthIndex / 12), month: (monthIndex % 12) + 1 };
  return formatLocalDate({ ...target, day: Math.min(day, daysInMonth(target.year, target.month)) });
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(parseLocalDate(to, 'date')) - toEpochDay(parseLocalDate(from, 'date'));
}

/** Negative, zero or positive like a sort comparator. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return Math.sign(daysBetween(b, a));
}
