import {
  certificationStatus,
  decideNewClientAllowed,
  decideRenewal,
  expiresOn,
  type CertificationStatus,
} from './certification.js';
import { EthicsRule } from './ethics-rule.js';

describe('expiresOn', () => {
  it.each([
    ['2024-03-01', undefined, '2026-03-01'],
    ['2024-02-29', undefined, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-08-31', 36, '2028-08-31'],
    ['2025-05-31', 12, '2026-05-31'],
    ['2023-02-28', 12, '2024-02-28'],
  ])('CERT_RENEWAL: issued %s with %s months expires %s', (issuedOn, months, expected) => {
    expect(expiresOn(issuedOn, months)).toBe(expected);
  });

  it('CERT_RENEWAL: a renewal from a 29 February issue stays on 28 February (the next cycle starts at the previous expiry)', () => {
    const first = expiresOn('2024-02-29');
    expect([first, expiresOn(first), expiresOn(expiresOn(first))]).toEqual(['2026-02-28', '2028-02-28', '2030-02-28']);
  });

  it.each([0, -24, 1.5, Number.NaN])('CERT_RENEWAL refuses a renewal period of %s months', (months) => {
    expect(() => expiresOn('2024-01-01', months)).toThrow(RangeError);
  });
});

describe('certificationStatus', () => {
  const sut = certificationStatus;
  const expires = '2026-06-30';

  it.each([
    ['2026-03-31', 91, 'active'],
    ['2026-04-01', 90, 'renewal_due'],
    ['2026-06-29', 1, 'renewal_due'],
    ['2026-06-30', 0, 'lapsed'],
    ['2026-07-01', -1, 'lapsed'],
    ['2024-06-30', 730, 'active'],
  ])('CERT_RENEWAL on %s (%i days left) is %s', (asOf, _daysLeft, expected) => {
    expect(sut({ expiresOn: expires, asOf })).toBe(expected);
  });

  it('CERT_AUDIT: revoked wins over suspended, and both win over the dates', () => {
    expect(sut({ expiresOn: expires, asOf: '2025-01-01', suspended: true, revoked: true })).toBe('revoked');
    expect(sut({ expiresOn: expires, asOf: '2027-01-01', suspended: true })).toBe('suspended');
    expect(sut({ expiresOn: expires, asOf: '2025-01-01', suspended: false, revoked: false })).toBe('active');
  });
});

describe('decideRenewal', () => {
  const sut = decideRenewal;
  const cycle = { cycleStartedOn: '2024-06-30', asOf: '2026-06-01' };

  it('CERT_ETHICS_REVIEW allows renewal with a review inside the current cycle', () => {
    expect(sut({ ...cycle, ethicsReviewCompletedOn: '2026-05-01' }).allowed).toBe(true);
    expect(sut({ ...cycle, ethicsReviewCompletedOn: '2024-06-30' }).allowed).toBe(true);
    expect(sut({ ...cycle, ethicsReviewCompletedOn: '2026-06-01' }).allowed).toBe(true);
  });

  it.each([
    ['no review', null],
    ['no review (undefined)', undefined],
    ['a review from the previous cycle', '2024-06-29'],
    ['a review dated after today', '2026-06-02'],
  ])('CERT_ETHICS_REVIEW refuses renewal with %s', (_case, ethicsReviewCompletedOn) => {
    expect(sut({ ...cycle, ethicsReviewCompletedOn })).toMatchObject({
      allowed: false,
      rule: EthicsRule.CERT_ETHICS_REVIEW,
    });
  });
});

describe('decideNewClientAllowed', () => {
  const sut = decideNewClientAllowed;

  it.each<CertificationStatus | null>(['active', 'renewal_due', null])(
    'CERT_AUDIT lets a coach with certification %s take new clients',
    (status) => {
      expect(sut({ certificationStatus: status }).allowed).toBe(true);
    },
  );

  it.each<CertificationStatus>(['lapsed', 'suspended', 'revoked'])(
    'CERT_AUDIT refuses new clients to a %s coach and says existing records stay open',
    (status) => {
      const decision = sut({ certificationStatus: status });
      expect(decision).toMatchObject({ allowed: false, rule: EthicsRule.CERT_AUDIT });
      if (decision.allowed) throw new Error('expected a refusal');
      expect(decision.message).toMatch(/existing records/);
    },
  );
});
