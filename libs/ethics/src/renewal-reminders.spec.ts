import { REMINDER_OFFSETS_DAYS, dueReminders } from './renewal-reminders.js';

const sut = dueReminders;
const expiresOn = '2026-06-30';

describe('dueReminders', () => {
  it('CERT_REMINDERS offsets are 90, 60, 30, 14, 7 and 1 days', () => {
    expect(REMINDER_OFFSETS_DAYS).toEqual([90, 60, 30, 14, 7, 1]);
  });

  it.each([
    ['2026-03-31', []],
    ['2026-04-01', [90]],
    ['2026-05-01', [60]],
    ['2026-05-31', [30]],
    ['2026-06-16', [14]],
    ['2026-06-23', [7]],
    ['2026-06-29', [1]],
  ])('CERT_REMINDERS on %s a daily sweep that sent nothing yet sends %j', (asOf, expected) => {
    expect(sut({ expiresOn, asOf, alreadySent: [] })).toEqual(expected);
  });

  it('CERT_REMINDERS: a daily sweep across the whole cycle sends each reminder exactly once, on its day', () => {
    const sent: Array<{ offset: number; on: string }> = [];
    for (
      let day = new Date(Date.UTC(2026, 0, 1));
      day <= new Date(Date.UTC(2026, 7, 1));
      day.setUTCDate(day.getUTCDate() + 1)
    ) {
      const asOf = day.toISOString().slice(0, 10);
      for (const offset of sut({ expiresOn, asOf, alreadySent: sent.map((s) => s.offset) }))
        sent.push({ offset, on: asOf });
    }
    expect(sent).toEqual([
      { offset: 90, on: '2026-04-01' },
      { offset: 60, on: '2026-05-01' },
      { offset: 30, on: '2026-05-31' },
      { offset: 14, on: '2026-06-16' },
      { offset: 7, on: '2026-06-23' },
      { offset: 1, on: '2026-06-29' },
    ]);
  });

  it('CERT_REMINDERS does not send the same reminder twice when the sweep runs again on the same day', () => {
    expect(sut({ expiresOn, asOf: '2026-05-01', alreadySent: [90, 60] })).toEqual([]);
  });

  it('CERT_REMINDERS: a late sweep sends only the most urgent missed reminder, not a burst', () => {
    expect(sut({ expiresOn, asOf: '2026-06-25', alreadySent: [] })).toEqual([7]);
    expect(sut({ expiresOn, asOf: '2026-06-25', alreadySent: [90] })).toEqual([7]);
  });

  it('CERT_REMINDERS: after a late sweep, an older missed reminder is never sent afterwards', () => {
    expect(sut({ expiresOn, asOf: '2026-06-26', alreadySent: [7] })).toEqual([]);
    expect(sut({ expiresOn, asOf: '2026-06-29', alreadySent: [7] })).toEqual([1]);
  });

  it.each(['2026-06-30', '2026-07-15'])(
    'CERT_REMINDERS sends nothing once the certification has lapsed (%s)',
    (asOf) => {
      expect(sut({ expiresOn, asOf, alreadySent: [] })).toEqual([]);
    },
  );

  it('CERT_REMINDERS counts days across a month end and a leap day', () => {
    expect(sut({ expiresOn: '2028-03-01', asOf: '2028-02-29', alreadySent: [] })).toEqual([1]);
    expect(sut({ expiresOn: '2028-03-01', asOf: '2027-12-02', alreadySent: [] })).toEqual([90]);
    expect(sut({ expiresOn: '2028-03-01', asOf: '2027-12-01', alreadySent: [] })).toEqual([]);
  });
});
