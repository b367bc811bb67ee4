/**
 * Where a client's engagement stands. `active` may record sessions; `referral_required` waits for
 * a referral (SCOPE_RISK / SCOPE_COMPETENCE); `referred` and `ended` are closed.
 */
export type ClientStatus = 'active' | 'referral_required' | 'referred' | 'ended';
