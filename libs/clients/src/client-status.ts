import type { ClientStatus } from '#haven/ethics';

/** What can happen to an engagement after intake. Referrals and endings come in later features. */
export type ClientStatusEvent = 'referral_recorded' | 'engagement_ended';

// `referred` and `ended` are closed: a returning client goes through a new intake and screening.
const transitions: Record<ClientStatus, Partial<Record<ClientStatusEvent, ClientStatus>>> = {
  active: { referral_recorded: 'referred', engagement_ended: 'ended' },
  referral_required: { referral_recorded: 'referred' },
  referred: {},
  ended: {},
};

/** The status after `event`, or null when the event cannot happen in `current`. */
export function nextClientStatus(current: ClientStatus, event: ClientStatusEvent): ClientStatus | null {
  return transitions[current][event] ?? null;
}
