import { giveBackShareByYear, type GiveBackSession } from './give-back.js';

const sut = giveBackShareByYear;

function session(overrides: Partial<GiveBackSession> = {}): GiveBackSession {
  return { occurredOn: '2025-05-01', status: 'held', ...overrides };
}

describe('giveBackShareByYear', () => {
  it('PRACTICE_GIVE_BACK counts sliding-scale and pro-bono held sessions per year', () => {
    const sessions = [
      session({ feeType: 'pro_bono' }),
      session({ feeType: 'sliding_scale' }),
      session({ feeType: 'standard' }),
      session(),
    ];
    expect(sut(sessions)).toEqual([{ year: 2025, held: 4, slidingScale: 1, proBono: 1, share: 0.5 }]);
  });

  it('PRACTICE_GIVE_BACK ignores rescheduled sessions, whatever their fee type', () => {
    const sessions = [session({ status: 'rescheduled', feeType: 'pro_bono' }), session({ feeType: 'standard' })];
    expect(sut(sessions)).toEqual([{ year: 2025, held: 1, slidingScale: 0, proBono: 0, share: 0 }]);
  });

  it('PRACTICE_GIVE_BACK splits years at 31 December / 1 January and lists the oldest year first', () => {
    const sessions = [
      session({ occurredOn: '2026-01-01', feeType: 'pro_bono' }),
      session({ occurredOn: '2025-12-31' }),
      session({ occurredOn: '2024-07-01', feeType: 'sliding_scale' }),
    ];
    expect(sut(sessions)).toEqual([
      { year: 2024, held: 1, slidingScale: 1, proBono: 0, share: 1 },
      { year: 2025, held: 1, slidingScale: 0, proBono: 0, share: 0 },
      { year: 2026, held: 1, slidingScale: 0, proBono: 1, share: 1 },
    ]);
  });

  it('PRACTICE_GIVE_BACK leaves out a year with no held session and is empty for no sessions', () => {
    expect(sut([session({ occurredOn: '2023-03-03', status: 'rescheduled' })])).toEqual([]);
    expect(sut([])).toEqual([]);
  });

  it('PRACTICE_GIVE_BACK rejects a session date that is not YYYY-MM-DD', () => {
    expect(() => sut([session({ occurredOn: '2025-05-01T10:00:00Z' })])).toThrow(RangeError);
  });
});
