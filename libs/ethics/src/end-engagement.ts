import { allow, refuse, type EthicsDecision } from './decision.js';
import { EthicsRule } from './ethics-rule.js';

/**
 * Allows ending an engagement only with a written explanation and a referral provider
 * (PRACTICE_NO_ABANDON). A blank explanation or provider id counts as missing. Whether the
 * provider is the coach's own and currently vetted is `decideReferral`'s question.
 */
export function decideEndEngagement(facts: {
  explanation: string | null | undefined;
  referralProviderId: string | null | undefined;
}): EthicsDecision {
  const hasExplanation = isPresent(facts.explanation);
  const hasReferral = isPresent(facts.referralProviderId);
  if (hasExplanation && hasReferral) return allow();
  const missing = hasExplanation
    ? 'the referral is missing'
    : hasReferral
      ? 'the explanation is missing'
      : 'both are missing';
  return refuse(
    EthicsRule.PRACTICE_NO_ABANDON,
    `An engagement cannot end without a written explanation and a referral to another provider, and ${missing}.`,
    'Write the explanation for the client and choose a provider from your vetted list, then end the engagement.',
  );
}

function isPresent(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}
