import { randomBytes } from 'node:crypto';
import { signUpCoach, strongPassword, uniqueEmail } from './support/factories.js';
import { TestApi } from './support/test-api.js';

// Low limits and an own Redis prefix, so these run fast and throttle no other suite.
describe('per-IP limits on sign-up and recovery', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start({
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}-iplimit-${randomBytes(3).toString('hex')}`,
      HAVEN_SIGNUPS_PER_IP: '3',
      HAVEN_RECOVERIES_PER_IP: '2',
      HAVEN_TRUSTED_PROXIES: 'loopback',
    });
  });
  afterAll(() => api.close());

  const signUpFrom = (ip: string, password = strongPassword()) =>
    api.request('POST', '/api/v1/auth/signup', {
      body: { email: uniqueEmail(), password, displayName: 'Limited Coach' },
      headers: { 'x-forwarded-for': ip },
    });

  it('answers 429 with Retry-After after 3 sign-ups from one IP, whatever their outcome, and not for another IP', async () => {
    expect((await signUpFrom('203.0.113.20')).status).toBe(201);
    expect((await signUpFrom('203.0.113.20', 'password1234')).status).toBe(400); // weak: still counted
    expect((await signUpFrom('203.0.113.20')).status).toBe(201);
    const limited = await signUpFrom('203.0.113.20');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await signUpFrom('203.0.113.21')).status).toBe(201);
  });

  it('answers 429 after 2 recovery attempts from one IP, even with the right key', async () => {
    const coach = await signUpCoach(api);
    const recoverFrom = (ip: string, recoveryKey: string) =>
      api.request('POST', '/api/v1/auth/recover', {
        body: { email: coach.email, recoveryKey, newPassword: strongPassword() },
        headers: { 'x-forwarded-for': ip },
      });
    const wrongKey = 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA';
    expect((await recoverFrom('203.0.113.30', wrongKey)).status).toBe(401);
    expect((await recoverFrom('203.0.113.30', wrongKey)).status).toBe(401);
    const limited = await recoverFrom('203.0.113.30', coach.recoveryKey);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await recoverFrom('203.0.113.31', coach.recoveryKey)).status).toBe(200);
  });
});
