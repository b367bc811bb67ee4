import type { ClientStatus } from './client-status.js';
import { allow, refuse, type EthicsDecision } from './decision.js';
import { EthicsRule } from './ethics-rule.js';

/** A session is `held`, or `rescheduled` when it could not ethically take place. */
export type SessionStatus = 'held' | 'rescheduled';

/** Something the coach must address; it stays open on the client until marked addressed. */
export type SessionFollowUp =
  { kind: 'influence'; rule: EthicsRule.SCOPE_INFLUENCE } | { kind: 'safety'; rule: EthicsRule.PRACTICE_SAFE_CLOSE };

export type SessionOutcome = { status: SessionStatus; followUps: SessionFollowUp[] };

/**
 * Decides whether a new session may be recorded for a client. Only `active` clients may have one.
 * `referral_required` is refused with SCOPE_RISK until a referral is recorded; `referred` and
 * `ended` engagements are closed and refused with CONF_RECORDS; a `paused` one (SCOPE_CRISIS) must
 * be resumed first (amendments to existing records
 * are not new sessions and are not decided here).
 */
export function decideSessionRecording(facts: { clientStatus: ClientStatus }): EthicsDecision {
  switch (facts.clientStatus) {
    case 'active':
      return allow();
    case 'referral_required':
      return refuse(
        EthicsRule.SCOPE_RISK,
        "Sessions cannot be recorded for this client: the intake screening showed a risk to their safety or a need outside a coach's competence.",
        'Record a referral to a provider from your vetted list first; the client is then referred and their records stay with you.',
      );
    case 'paused':
      return refuse(
        EthicsRule.SCOPE_CRISIS,
        'This engagement is paused, so no session can be recorded for it.',
        'Resume the engagement first, or end it with an explanation and a referral to a vetted provider.',
      );
    case 'referred':
    case 'ended':
      return refuse(
        EthicsRule.CONF_RECORDS,
        'This engagement is closed, so no new session can be recorded for it.',
        'To correct a session you already recorded, add an amendment to it. If the client comes back, start a new intake with its screening.',
      );
    default:
      return assertNever(facts.clientStatus);
  }
}

/**
 * Decides what a recorded session is. Under the influence ⇒ `rescheduled` with an influence
 * follow-up (SCOPE_INFLUENCE). Not regulated at close ⇒ a safety follow-up (PRACTICE_SAFE_CLOSE),
 * whether the session was held or rescheduled: a client leaving unsafe matters either way.
 */
export function decideSessionOutcome(facts: {
  clientUnderInfluence: boolean;
  clientRegulatedAtClose: boolean;
}): SessionOutcome {
  const followUps: SessionFollowUp[] = [];
  if (facts.clientUnderInfluence) followUps.push({ kind: 'influence', rule: EthicsRule.SCOPE_INFLUENCE });
  if (!facts.clientRegulatedAtClose) followUps.push({ kind: 'safety', rule: EthicsRule.PRACTICE_SAFE_CLOSE });
  return { status: facts.clientUnderInfluence ? 'rescheduled' : 'held', followUps };
}

function assertNever(value: never): never {
  throw new Error(`Unknown client status: ${String(value)}`);
}
