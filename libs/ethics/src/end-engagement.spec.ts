import { decideEndEngagement } from './end-engagement.js';
import { EthicsRule } from './ethics-rule.js';

const sut = decideEndEngagement;

describe('decideEndEngagement', () => {
  it('PRACTICE_NO_ABANDON allows ending with an explanation and a referral provider', () => {
    expect(sut({ explanation: 'We agreed to stop; I recommend trauma therapy.', referralProviderId: 'p-1' })).toEqual({
      allowed: true,
      value: undefined,
    });
  });

  it.each([
    ['no explanation', undefined, 'p-1', /explanation is missing/],
    ['a blank explanation', '  \n\t ', 'p-1', /explanation is missing/],
    ['no referral', 'Explained.', null, /referral is missing/],
    ['a blank referral id', 'Explained.', ' ', /referral is missing/],
    ['neither', '', '', /both are missing/],
  ])('PRACTICE_NO_ABANDON refuses ending with %s', (_case, explanation, referralProviderId, message) => {
    const decision = sut({ explanation, referralProviderId });
    expect(decision).toMatchObject({ allowed: false, rule: EthicsRule.PRACTICE_NO_ABANDON });
    if (decision.allowed) throw new Error('expected a refusal');
    expect(decision.message).toMatch(message);
  });
});
