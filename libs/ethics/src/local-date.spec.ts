import { addDays, addMonths, compareLocalDates, daysBetween, isLocalDate, parseLocalDate } from './local-date.js';

// The date math every rule with a deadline stands on (certification, vetting, releases, age). No test
// here names a rule: the rules' own specs call the decide functions built on these helpers.
describe('local dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-02-30', false],
    ['2025-13-01', false],
    ['2025-1-01', false],
    ['2025-01-01T00:00:00Z', false],
    [20250101, false],
    ['1900-02-29', false],
    ['2000-02-29', true],
  ])('accepts only real YYYY-MM-DD dates: %s -> %s', (value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });

  it('errors on a bad date name the field, never the value', () => {
    expect(() => parseLocalDate('2009-02-30', 'dateOfBirth')).toThrow(
      new RangeError('dateOfBirth must be a calendar date written YYYY-MM-DD'),
    );
  });

  it.each([
    ['2024-02-29', 24, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', 1, '2024-04-30'],
    ['2024-11-15', 2, '2025-01-15'],
    ['2024-03-15', -3, '2023-12-15'],
    ['0050-06-01', 12, '0051-06-01'],
  ])('addMonths(%s, %i) clamps to the end of the month: %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2025-03-30', 1, '2025-03-31'], // a European DST change: no hour is lost in UTC
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('counts whole days across leap years and orders dates', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
    expect(compareLocalDates('2025-01-02', '2025-01-01')).toBe(1);
    expect(compareLocalDates('2025-01-01', '2025-01-01')).toBe(0);
    expect(compareLocalDates('2024-12-31', '2025-01-01')).toBe(-1);
  });
});
