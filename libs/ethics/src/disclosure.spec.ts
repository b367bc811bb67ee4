import {
  decideDisclosure,
  type DisclosureBasis,
  type MandatoryReportAbuse,
  type MandatoryReportVictim,
  type ReleaseStatus,
} from './disclosure.js';
import { EthicsRule } from './ethics-rule.js';

const sut = decideDisclosure;

function release(
  overrides: Partial<{ status: ReleaseStatus; expiresOn: string; recipientName: string }> = {},
): DisclosureBasis {
  return {
    kind: 'release',
    release: { status: 'signed', expiresOn: '2026-12-31', recipientName: 'Dr Jane Doe', ...overrides },
  };
}

function disclose(basis: DisclosureBasis, recipientName = 'Dr Jane Doe', asOf = '2026-06-01') {
  return sut({ basis, recipientName, asOf });
}

function report(
  overrides: Partial<{ agency: string; reference: string; victim: MandatoryReportVictim; abuse: MandatoryReportAbuse }>,
): DisclosureBasis {
  return {
    kind: 'mandatory_report',
    agency: 'APS',
    reference: 'APS-77',
    victim: 'elder',
    abuse: 'current',
    ...overrides,
  };
}

const refusedUnder = { allowed: false, rule: EthicsRule.CONF_DISCLOSURE };

describe('decideDisclosure', () => {
  it('CONF_RELEASE allows a disclosure under a signed, current release naming the recipient', () => {
    expect(disclose(release())).toEqual({ allowed: true, value: { kind: 'release', rule: EthicsRule.CONF_RELEASE } });
  });

  it.each(['dr jane doe', '  DR   Jane\tDoe ', 'Dr Jane Doe'])(
    'CONF_DISCLOSURE matches the recipient "%s" ignoring case and spacing',
    (recipientName) => {
      expect(disclose(release(), recipientName).allowed).toBe(true);
    },
  );

  it.each(['Dr John Doe', 'Dr Jane Doe Jr', 'DrJane Doe'])(
    'CONF_DISCLOSURE refuses a different recipient "%s"',
    (recipientName) => {
      expect(disclose(release(), recipientName)).toMatchObject(refusedUnder);
    },
  );

  it.each<ReleaseStatus>(['pending_signature', 'revoked', 'expired'])(
    'CONF_DISCLOSURE refuses a %s release',
    (status) => {
      expect(disclose(release({ status }))).toMatchObject(refusedUnder);
    },
  );

  it.each([
    ['2026-06-02', true],
    ['2026-06-01', false],
    ['2026-05-31', false],
  ])(
    'CONF_DISCLOSURE: a signed release expiring on %s, disclosed on 2026-06-01 -> allowed %s',
    (expiresOn, allowed) => {
      expect(disclose(release({ expiresOn })).allowed).toBe(allowed);
    },
  );

  it('CONF_DISCLOSURE refuses a blank recipient even when the release names none', () => {
    expect(disclose(release({ recipientName: ' ' }), '')).toMatchObject(refusedUnder);
  });

  it('CONF_DISCLOSURE refusals never repeat the recipient name', () => {
    const decision = disclose(release(), 'Dr John Doe');
    if (decision.allowed) throw new Error('expected a refusal');
    expect(`${decision.message} ${decision.remedy}`).not.toMatch(/Doe/);
  });

  it('CONF_DISCLOSURE refuses a disclosure with no basis at all', () => {
    expect(disclose({ kind: 'none' })).toMatchObject(refusedUnder);
  });

  it('CONF_DISCLOSURE allows a disclosure under a court order with a reference', () => {
    expect(disclose({ kind: 'court_order', reference: 'CV-2026-0042' }, 'County Court')).toEqual({
      allowed: true,
      value: { kind: 'court_order', rule: EthicsRule.CONF_DISCLOSURE },
    });
  });

  it('CONF_DISCLOSURE refuses a court order without a reference', () => {
    expect(disclose({ kind: 'court_order', reference: '  ' }, 'County Court')).toMatchObject(refusedUnder);
  });

  it('CONF_MANDATORY_REPORT allows a report with agency and reference and no release', () => {
    expect(disclose(report({ agency: 'Adult Protective Services', reference: 'APS-77' }), 'APS')).toEqual({
      allowed: true,
      value: { kind: 'mandatory_report', rule: EthicsRule.CONF_MANDATORY_REPORT },
    });
  });

  it.each([
    ['', 'APS-77'],
    ['Adult Protective Services', ''],
  ])(
    'CONF_MANDATORY_REPORT without an agency or reference is refused under CONF_DISCLOSURE (%j, %j)',
    (agency, reference) => {
      expect(disclose(report({ agency, reference }), 'APS')).toMatchObject(refusedUnder);
    },
  );

  it.each<[MandatoryReportVictim, MandatoryReportAbuse]>([
    ['minor', 'current'],
    ['minor', 'ongoing'],
    ['elder', 'current'],
    ['elder', 'ongoing'],
  ])('CONF_MANDATORY_REPORT allows a report of abuse of a %s that is %s', (victim, abuse) => {
    expect(disclose(report({ victim, abuse }), 'APS').allowed).toBe(true);
  });

  it.each<[MandatoryReportVictim, MandatoryReportAbuse]>([
    ['other_adult', 'current'],
    ['minor', 'past'],
    ['elder', 'past'],
  ])(
    'CONF_MANDATORY_REPORT: abuse of a %s that is %s is no mandatory report, refused under CONF_DISCLOSURE',
    (victim, abuse) => {
      expect(disclose(report({ victim, abuse }), 'APS')).toMatchObject(refusedUnder);
    },
  );
});
