import { decideNewClientAllowed, decideRenewal } from './certification.js';
import { allow, type EthicsDecision, refuse } from './decision.js';
import { decideDisclosure } from './disclosure.js';
import { decideEndEngagement } from './end-engagement.js';
import { EthicsRule } from './ethics-rule.js';
import { decideIntake } from './intake.js';
import { decideReferral } from './referral.js';
import { decideSessionRecording } from './session-record.js';

// The builders carry whatever they are given; no rule is decided here, so no test names one.
describe('the decision builders', () => {
  it('refuse carries the rule it is given, the message and the remedy', () => {
    const rule = Object.values(EthicsRule)[0]!;
    expect(refuse(rule, 'Not allowed.', 'Do this instead.')).toEqual({
      allowed: false,
      rule,
      message: 'Not allowed.',
      remedy: 'Do this instead.',
    });
  });

  it('allow carries its value, or none', () => {
    expect(allow({ status: 'active' })).toEqual({ allowed: true, value: { status: 'active' } });
    expect(allow()).toEqual({ allowed: true, value: undefined });
  });
});

const noRisk = { activelySuicidal: false, activeAddiction: false, activeSelfHarm: false, outsideCompetence: false };

/** The rule a refusal names, or what was allowed. */
function ruleOf(decision: EthicsDecision<unknown>): EthicsRule | 'allowed' {
  return decision.allowed ? 'allowed' : decision.rule;
}

// Each refusal a decide function can give, produced by calling that function: a test named after
// a rule fails when the function stops refusing, or refuses under another rule.
describe('each refusal names the rule that decided it', () => {
  it('SCOPE_MINOR: decideIntake refuses someone under 18 on the intake date', () => {
    expect(ruleOf(decideIntake({ dateOfBirth: '2010-06-01', intakeDate: '2026-05-31', screening: noRisk }))).toBe(
      EthicsRule.SCOPE_MINOR,
    );
    expect(ruleOf(decideIntake({ dateOfBirth: '2008-05-31', intakeDate: '2026-05-31', screening: noRisk }))).toBe(
      'allowed',
    );
  });

  it('SCOPE_RISK: decideSessionRecording refuses a session for a referral_required client', () => {
    expect(ruleOf(decideSessionRecording({ clientStatus: 'referral_required' }))).toBe(EthicsRule.SCOPE_RISK);
    expect(ruleOf(decideSessionRecording({ clientStatus: 'active' }))).toBe('allowed');
  });

  it('CONF_RECORDS: decideSessionRecording refuses a new session once the engagement is closed', () => {
    expect(ruleOf(decideSessionRecording({ clientStatus: 'ended' }))).toBe(EthicsRule.CONF_RECORDS);
  });

  it('CERT_AUDIT: decideNewClientAllowed refuses new clients to a lapsed, suspended or revoked coach', () => {
    for (const certificationStatus of ['lapsed', 'suspended', 'revoked'] as const) {
      expect(ruleOf(decideNewClientAllowed({ certificationStatus }))).toBe(EthicsRule.CERT_AUDIT);
    }
    expect(ruleOf(decideNewClientAllowed({ certificationStatus: 'renewal_due' }))).toBe('allowed');
  });

  it('CERT_ETHICS_REVIEW: decideRenewal refuses a renewal without an ethics review in the cycle', () => {
    const cycle = { cycleStartedOn: '2024-06-30', asOf: '2026-06-01' };
    expect(ruleOf(decideRenewal({ ...cycle, ethicsReviewCompletedOn: null }))).toBe(EthicsRule.CERT_ETHICS_REVIEW);
    expect(ruleOf(decideRenewal({ ...cycle, ethicsReviewCompletedOn: '2025-01-10' }))).toBe('allowed');
  });

  it('PRACTICE_VETTED_REFERRAL: decideReferral refuses a provider whose vetting has run out', () => {
    const provider = { providerOwnedByCoach: true, vettedOn: '2024-01-01' };
    expect(ruleOf(decideReferral({ ...provider, asOf: '2026-01-01' }))).toBe(EthicsRule.PRACTICE_VETTED_REFERRAL);
    expect(ruleOf(decideReferral({ ...provider, asOf: '2024-06-01' }))).toBe('allowed');
  });

  it('PRACTICE_NO_ABANDON: decideEndEngagement refuses an ending without a referral provider', () => {
    expect(ruleOf(decideEndEngagement({ explanation: 'Moving abroad.', referralProviderId: null }))).toBe(
      EthicsRule.PRACTICE_NO_ABANDON,
    );
    expect(ruleOf(decideEndEngagement({ explanation: 'Moving abroad.', referralProviderId: 'provider-1' }))).toBe(
      'allowed',
    );
  });

  it('CONF_DISCLOSURE: decideDisclosure refuses a release that names someone else', () => {
    const release = { status: 'signed' as const, expiresOn: '2027-01-01', recipientName: 'Dr Lee' };
    const disclose = (recipientName: string) =>
      decideDisclosure({ basis: { kind: 'release', release }, recipientName, asOf: '2026-06-01' });
    expect(ruleOf(disclose('Someone Else'))).toBe(EthicsRule.CONF_DISCLOSURE);
    expect(ruleOf(disclose('Dr Lee'))).toBe('allowed');
  });
});
