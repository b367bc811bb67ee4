import type { ClientStatus } from '#haven/ethics';

/** What can happen to an engagement after intake. */
export type ClientStatusEvent = 'referral_recorded' | 'engagement_ended' | 'engagement_paused' | 'engagement_resumed';

// `referred` and `ended` are closed: a returning client goes through a new intake and screening.
// Ending always carries a vetted referral (PRACTICE_NO_ABANDON), so a referral_required client may
// end too: the ending is the referral SCOPE_RISK asks for.
const transitions: Record<ClientStatus, Partial<Record<ClientStatusEvent, ClientStatus>>> = {
  active: { referral_recorded: 'referred', engagement_ended: 'ended', engagement_paused: 'paused' },
  paused: { referral_recorded: 'referred', engagement_ended: 'ended', engagement_resumed: 'active' },
  referral_required: { referral_recorded: 'referred', engagement_ended: 'ended' },
  referred: {},
  ended: {},
};

/** The status after `event`, or null when the event cannot happen in `current`. */
export function nextClientStatus(current: ClientStatus, event: ClientStatusEvent): ClientStatus | null {
  return transitions[current][event] ?? null;
}

/** The statuses of an engagement still open (GET /me/close-practice names these clients). */
export const OPEN_CLIENT_STATUSES: readonly ClientStatus[] = ['active', 'paused', 'referral_required'];
