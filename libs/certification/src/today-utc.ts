/** Today's calendar date in UTC, the day the API decides for. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
