import type { ClientStatus } from './client-status.js';
import { EthicsRule } from './ethics-rule.js';
import { decideSessionOutcome, decideSessionRecording } from './session-record.js';

describe('decideSessionRecording', () => {
  const sut = decideSessionRecording;

  it('SCOPE_RISK allows recording a session for an active client', () => {
    expect(sut({ clientStatus: 'active' })).toEqual({ allowed: true, value: undefined });
  });

  it('SCOPE_RISK refuses a session while the client is referral_required and says to refer first', () => {
    const decision = sut({ clientStatus: 'referral_required' });
    expect(decision).toMatchObject({ allowed: false, rule: EthicsRule.SCOPE_RISK });
    if (decision.allowed) throw new Error('expected a refusal');
    expect(decision.remedy).toMatch(/referral to a provider from your vetted list/);
  });

  it.each<ClientStatus>(['referred', 'ended'])(
    'CONF_RECORDS refuses a new session for a %s (closed) engagement',
    (clientStatus) => {
      const decision = sut({ clientStatus });
      expect(decision).toMatchObject({ allowed: false, rule: EthicsRule.CONF_RECORDS });
      if (decision.allowed) throw new Error('expected a refusal');
      expect(decision.message).toMatch(/engagement is closed/);
    },
  );

  it('SCOPE_CRISIS refuses a new session while the engagement is paused and says to resume first', () => {
    const decision = sut({ clientStatus: 'paused' });
    expect(decision).toMatchObject({ allowed: false, rule: EthicsRule.SCOPE_CRISIS });
    if (decision.allowed) throw new Error('expected a refusal');
    expect(decision.remedy).toMatch(/Resume the engagement/);
  });

  it('CONF_RECORDS throws on a status it does not know rather than allowing it', () => {
    expect(() => sut({ clientStatus: 'on_hold' as ClientStatus })).toThrow(/Unknown client status/);
  });
});

describe('decideSessionOutcome', () => {
  const sut = decideSessionOutcome;

  it('SCOPE_INFLUENCE: a sober, regulated client has a held session with no follow-up', () => {
    expect(sut({ clientUnderInfluence: false, clientRegulatedAtClose: true })).toEqual({
      status: 'held',
      followUps: [],
    });
  });

  it('SCOPE_INFLUENCE stores a session with a client under the influence as rescheduled, with a follow-up', () => {
    expect(sut({ clientUnderInfluence: true, clientRegulatedAtClose: true })).toEqual({
      status: 'rescheduled',
      followUps: [{ kind: 'influence', rule: EthicsRule.SCOPE_INFLUENCE }],
    });
  });

  it('PRACTICE_SAFE_CLOSE opens a safety follow-up when a held session closes with the client not regulated', () => {
    expect(sut({ clientUnderInfluence: false, clientRegulatedAtClose: false })).toEqual({
      status: 'held',
      followUps: [{ kind: 'safety', rule: EthicsRule.PRACTICE_SAFE_CLOSE }],
    });
  });

  it('PRACTICE_SAFE_CLOSE also opens a safety follow-up on a session rescheduled for influence', () => {
    expect(sut({ clientUnderInfluence: true, clientRegulatedAtClose: false })).toEqual({
      status: 'rescheduled',
      followUps: [
        { kind: 'influence', rule: EthicsRule.SCOPE_INFLUENCE },
        { kind: 'safety', rule: EthicsRule.PRACTICE_SAFE_CLOSE },
      ],
    });
  });
});
