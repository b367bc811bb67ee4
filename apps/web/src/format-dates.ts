/** `2026-12-31` as "31 December 2026" (the calendar date, whatever the reader's time zone). */
export function formatDay(isoDay: string): string {
  return new Date(`${isoDay}T00:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
}

/** An instant as "31 December 2026 at 14:05" in the reader's own time zone. */
export function formatMoment(isoInstant: string): string {
  return new Date(isoInstant).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' });
}
