/**
 * Where a client's engagement stands. `active` may record sessions; `paused` is on hold (e.g. while
 * the client is helped to therapy, SCOPE_CRISIS); `referral_required` waits for a referral
 * (SCOPE_RISK / SCOPE_COMPETENCE); `referred` and `ended` are closed.
 */
export type ClientStatus = 'active' | 'paused' | 'referral_required' | 'referred' | 'ended';
