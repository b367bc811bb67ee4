import { allow, refuse } from './decision.js';
import { EthicsRule } from './ethics-rule.js';

describe('EthicsDecision', () => {
  it('SCOPE_MINOR refusals carry the rule, the message and the remedy', () => {
    const sut = refuse(EthicsRule.SCOPE_MINOR, 'Not allowed.', 'Do this instead.');
    expect(sut).toEqual({
      allowed: false,
      rule: EthicsRule.SCOPE_MINOR,
      message: 'Not allowed.',
      remedy: 'Do this instead.',
    });
  });

  it('SCOPE_RISK allowed decisions carry their value', () => {
    expect(allow({ status: 'active' })).toEqual({ allowed: true, value: { status: 'active' } });
    expect(allow()).toEqual({ allowed: true, value: undefined });
  });
});
