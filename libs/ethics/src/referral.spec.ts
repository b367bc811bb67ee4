import { EthicsRule } from './ethics-rule.js';
import {
  PROVIDER_KINDS,
  decideReferral,
  decideTransferToTherapy,
  revettingReminderDue,
  vettingCurrent,
  vettingDueOn,
} from './referral.js';

describe('vettingDueOn', () => {
  it.each([
    ['2025-03-10', undefined, '2026-03-10'],
    ['2024-02-29', undefined, '2025-02-28'],
    ['2025-01-31', 6, '2025-07-31'],
    ['2025-08-31', 6, '2026-02-28'],
  ])(
    'PRACTICE_VETTED_REFERRAL: vetted on %s, re-vetting every %s months, is due on %s',
    (vettedOn, months, expected) => {
      expect(vettingDueOn(vettedOn, months)).toBe(expected);
    },
  );

  it('PRACTICE_VETTED_REFERRAL refuses a re-vetting period that is not a positive whole number', () => {
    expect(() => vettingDueOn('2025-01-01', 0)).toThrow(RangeError);
  });
});

describe('decideReferral', () => {
  const sut = decideReferral;
  const own = { providerOwnedByCoach: true, vettedOn: '2025-03-10' };

  it.each([
    ['2025-03-10', true],
    ['2026-03-09', true],
    ['2026-03-10', false],
    ['2027-01-01', false],
    ['2025-03-09', false],
  ])('PRACTICE_VETTED_REFERRAL: a provider vetted on 2025-03-10, referred to on %s -> allowed %s', (asOf, allowed) => {
    const decision = sut({ ...own, asOf });
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.rule).toBe(EthicsRule.PRACTICE_VETTED_REFERRAL);
  });

  it("PRACTICE_VETTED_REFERRAL refuses a provider that is not on the coach's own list, however recently vetted", () => {
    expect(sut({ providerOwnedByCoach: false, vettedOn: '2025-03-10', asOf: '2025-03-11' })).toMatchObject({
      allowed: false,
      rule: EthicsRule.PRACTICE_VETTED_REFERRAL,
    });
  });

  it('PRACTICE_VETTED_REFERRAL honours a shorter re-vetting period', () => {
    expect(sut({ ...own, asOf: '2025-09-09', revettingMonths: 6 }).allowed).toBe(true);
    expect(sut({ ...own, asOf: '2025-09-10', revettingMonths: 6 }).allowed).toBe(false);
  });
});

describe('vettingCurrent', () => {
  it.each([
    ['2025-03-10', '2026-03-09', 12, true],
    ['2025-03-10', '2026-03-10', 12, false],
    ['2025-03-10', '2026-04-10', 24, true],
    ['2025-03-10', '2027-03-10', 24, false],
    ['2025-03-10', '2025-03-09', 12, false],
  ])(
    'PRACTICE_VETTED_REFERRAL: vetted on %s, on %s with a %s-month period -> current %s',
    (vettedOn, asOf, months, expected) => {
      expect(vettingCurrent(vettedOn, asOf, months)).toBe(expected);
    },
  );

  it('PRACTICE_VETTED_REFERRAL: a provider vetted 13 months ago is out of date at 12 months and current at 24', () => {
    expect(decideReferral({ providerOwnedByCoach: true, vettedOn: '2025-01-05', asOf: '2026-02-05' }).allowed).toBe(
      false,
    );
    expect(
      decideReferral({ providerOwnedByCoach: true, vettedOn: '2025-01-05', asOf: '2026-02-05', revettingMonths: 24 })
        .allowed,
    ).toBe(true);
  });
});

describe('revettingReminderDue', () => {
  it.each([
    ['2026-03-10', '2026-02-07', false],
    ['2026-03-10', '2026-02-08', true],
    ['2026-03-10', '2026-03-10', true],
    ['2026-03-10', '2026-05-01', true],
  ])('PRACTICE_VETTED_REFERRAL: vetting due on %s, swept on %s -> remind %s', (dueOn, asOf, expected) => {
    expect(revettingReminderDue(dueOn, asOf)).toBe(expected);
  });
});

describe('decideTransferToTherapy', () => {
  it.each(['therapist', 'psychiatrist'] as const)('SCOPE_CRISIS allows a transfer to therapy to a %s', (kind) => {
    expect(decideTransferToTherapy({ providerKind: kind }).allowed).toBe(true);
  });

  it.each(PROVIDER_KINDS.filter((kind) => kind !== 'therapist' && kind !== 'psychiatrist'))(
    'SCOPE_CRISIS refuses a transfer to therapy to a %s',
    (kind) => {
      expect(decideTransferToTherapy({ providerKind: kind })).toMatchObject({
        allowed: false,
        rule: EthicsRule.SCOPE_CRISIS,
      });
    },
  );
});
