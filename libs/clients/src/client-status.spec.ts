import { nextClientStatus } from './client-status.js';

describe('client status', () => {
  it('SCOPE_RISK: a referral_required client becomes referred once a referral is recorded, and cannot be paused or resumed', () => {
    expect(nextClientStatus('referral_required', 'referral_recorded')).toBe('referred');
    expect(nextClientStatus('referral_required', 'engagement_paused')).toBeNull();
    expect(nextClientStatus('referral_required', 'engagement_resumed')).toBeNull();
  });

  it('PRACTICE_NO_ABANDON: a referral_required client may end, because an ending always carries a vetted referral', () => {
    expect(nextClientStatus('referral_required', 'engagement_ended')).toBe('ended');
  });

  it('an active engagement can end, be referred on, or pause', () => {
    expect(nextClientStatus('active', 'engagement_ended')).toBe('ended');
    expect(nextClientStatus('active', 'referral_recorded')).toBe('referred');
    expect(nextClientStatus('active', 'engagement_paused')).toBe('paused');
    expect(nextClientStatus('active', 'engagement_resumed')).toBeNull();
  });

  it('SCOPE_CRISIS: a paused engagement resumes, ends or is referred on, and is not paused twice', () => {
    expect(nextClientStatus('paused', 'engagement_resumed')).toBe('active');
    expect(nextClientStatus('paused', 'engagement_ended')).toBe('ended');
    expect(nextClientStatus('paused', 'referral_recorded')).toBe('referred');
    expect(nextClientStatus('paused', 'engagement_paused')).toBeNull();
  });

  it.each(['referred', 'ended'] as const)('a %s engagement is closed: nothing moves it', (closed) => {
    for (const event of ['referral_recorded', 'engagement_ended', 'engagement_paused', 'engagement_resumed'] as const) {
      expect(nextClientStatus(closed, event)).toBeNull();
    }
  });
});
