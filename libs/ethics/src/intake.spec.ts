import { EthicsRule } from './ethics-rule.js';
import { decideIntake, type IntakeScreening } from './intake.js';

const sut = decideIntake;

function screening(overrides: Partial<IntakeScreening> = {}): IntakeScreening {
  return {
    activelySuicidal: false,
    activeAddiction: false,
    activeSelfHarm: false,
    outsideCompetence: false,
    ...overrides,
  };
}

function intake(dateOfBirth: string, intakeDate: string, answers: Partial<IntakeScreening> = {}) {
  return sut({ dateOfBirth, intakeDate, screening: screening(answers) });
}

describe('decideIntake', () => {
  it('SCOPE_MINOR accepts a client whose 18th birthday is the intake date', () => {
    expect(intake('2008-06-15', '2026-06-15')).toEqual({ allowed: true, value: { status: 'active', reasons: [] } });
  });

  it('SCOPE_MINOR refuses a client who turns 18 tomorrow', () => {
    const decision = intake('2008-06-16', '2026-06-15');
    expect(decision).toMatchObject({ allowed: false, rule: EthicsRule.SCOPE_MINOR });
  });

  it.each([
    ['2026-02-28', false],
    ['2026-03-01', true],
  ])('SCOPE_MINOR: born 2008-02-29, intake on %s (non-leap year) -> adult %s', (intakeDate, adult) => {
    expect(intake('2008-02-29', intakeDate).allowed).toBe(adult);
  });

  it('SCOPE_MINOR: born 2008-02-28 (in a leap year) is an adult on 2026-02-28', () => {
    expect(intake('2008-02-28', '2026-02-28').allowed).toBe(true);
    expect(intake('2008-02-28', '2026-02-27').allowed).toBe(false);
  });

  it('SCOPE_MINOR: born 2012-02-29 is an adult on 2030-03-01 but not on 2030-02-28', () => {
    expect(intake('2012-02-29', '2030-02-28').allowed).toBe(false);
    expect(intake('2012-02-29', '2030-03-01').allowed).toBe(true);
  });

  it('SCOPE_MINOR refuses a date of birth after the intake date', () => {
    expect(intake('2027-01-01', '2026-01-01')).toMatchObject({ allowed: false, rule: EthicsRule.SCOPE_MINOR });
  });

  it('SCOPE_MINOR refusal message carries no client data and a remedy', () => {
    const decision = intake('2010-04-05', '2026-01-01');
    if (decision.allowed) throw new Error('expected a refusal');
    // "18" is the rule; any other number (an age, a year, a date) would be about the client.
    expect(`${decision.message} ${decision.remedy}`.replaceAll('18', '')).not.toMatch(/\d/);
    expect(decision.remedy.length).toBeGreaterThan(0);
  });

  it('SCOPE_MINOR refuses a minor even when screening would require a referral', () => {
    expect(intake('2010-01-01', '2026-01-01', { activelySuicidal: true })).toMatchObject({
      allowed: false,
      rule: EthicsRule.SCOPE_MINOR,
    });
  });

  it('SCOPE_MINOR throws on a date of birth that is not a calendar date (the service answers 400 first)', () => {
    expect(() => intake('2001-02-29', '2026-01-01')).toThrow(RangeError);
    expect(() => intake('2001-01-01', '26-01-01')).toThrow(RangeError);
  });

  it.each([['activelySuicidal'], ['activeAddiction'], ['activeSelfHarm']] as const)(
    'SCOPE_RISK puts a client screened %s in referral_required',
    (answer) => {
      expect(intake('1990-01-01', '2026-01-01', { [answer]: true })).toEqual({
        allowed: true,
        value: { status: 'referral_required', reasons: [EthicsRule.SCOPE_RISK] },
      });
    },
  );

  it('SCOPE_RISK is listed once however many risk answers are yes', () => {
    const decision = intake('1990-01-01', '2026-01-01', {
      activelySuicidal: true,
      activeAddiction: true,
      activeSelfHarm: true,
    });
    expect(decision).toEqual({
      allowed: true,
      value: { status: 'referral_required', reasons: [EthicsRule.SCOPE_RISK] },
    });
  });

  it('SCOPE_COMPETENCE puts a client outside competence in referral_required', () => {
    expect(intake('1990-01-01', '2026-01-01', { outsideCompetence: true })).toEqual({
      allowed: true,
      value: { status: 'referral_required', reasons: [EthicsRule.SCOPE_COMPETENCE] },
    });
  });

  it('SCOPE_COMPETENCE and SCOPE_RISK are both given as reasons when both apply', () => {
    expect(intake('1990-01-01', '2026-01-01', { activeSelfHarm: true, outsideCompetence: true })).toEqual({
      allowed: true,
      value: { status: 'referral_required', reasons: [EthicsRule.SCOPE_RISK, EthicsRule.SCOPE_COMPETENCE] },
    });
  });
});
