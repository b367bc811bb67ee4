import { nextClientStatus } from './client-status.js';

describe('client status', () => {
  it('SCOPE_RISK: a referral_required client becomes referred once a referral is recorded, and cannot simply end', () => {
    expect(nextClientStatus('referral_required', 'referral_recorded')).toBe('referred');
    expect(nextClientStatus('referral_required', 'engagement_ended')).toBeNull();
  });

  it('an active engagement can end or be referred on', () => {
    expect(nextClientStatus('active', 'engagement_ended')).toBe('ended');
    expect(nextClientStatus('active', 'referral_recorded')).toBe('referred');
  });

  it.each(['referred', 'ended'] as const)('a %s engagement is closed: nothing moves it', (closed) => {
    expect(nextClientStatus(closed, 'referral_recorded')).toBeNull();
    expect(nextClientStatus(closed, 'engagement_ended')).toBeNull();
  });
});
