import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { type HavenConfig, RedisKeys } from '#haven/platform';
import { testConfig } from '#haven/testing';
import { FixedWindowCounter } from './fixed-window-counter.js';
import { LoginThrottle } from './login-throttle.js';

/** The throttle on this run's Redis, with small limits: 3 per account, 5 per IP, a 60 s window. */
describe('LoginThrottle on Redis', () => {
  let redis: Redis;
  let keys: RedisKeys;
  let sut: LoginThrottle;

  beforeAll(() => {
    const config = testConfig();
    redis = new Redis(config.redis.url);
    keys = new RedisKeys(`${config.redis.prefix}-throttle-${randomBytes(3).toString('hex')}`);
    const limits = {
      auth: { loginFailuresPerAccount: 3, loginFailuresPerIp: 5, loginThrottleWindowSeconds: 60 },
    } as unknown as HavenConfig;
    sut = new LoginThrottle(new FixedWindowCounter(redis), keys, limits);
  });
  afterAll(() => redis.quit());

  const email = () => `throttle-${randomBytes(4).toString('hex')}@example.test`;
  const outcome = (attempt: Promise<unknown>) =>
    attempt.then(
      () => 'allowed',
      (error: { statusCode?: number; headers?: Record<string, string> }) => {
        expect(error.statusCode).toBe(429);
        expect(Number(error.headers?.['Retry-After'])).toBeGreaterThan(0);
        expect(Number(error.headers?.['Retry-After'])).toBeLessThanOrEqual(60);
        return 'refused';
      },
    );

  it('allows exactly 3 of 20 concurrent attempts on one account', async () => {
    const account = email();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => outcome(sut.beginAttempt(account, '198.51.100.1'))),
    );
    expect(results.filter((result) => result === 'allowed')).toHaveLength(3);
  });

  it('gives both slots back when an attempt succeeds', async () => {
    const account = email();
    for (let i = 0; i < 10; i++) await (await sut.beginAttempt(account, '198.51.100.2')).succeeded();
    expect(await outcome(sut.beginAttempt(account, '198.51.100.2'))).toBe('allowed');
  });

  it('counts per IP across accounts, and a refusal by the IP leaves the account slot free', async () => {
    const ip = '198.51.100.3';
    for (let i = 0; i < 5; i++) expect(await outcome(sut.beginAttempt(email(), ip))).toBe('allowed');
    const account = email();
    expect(await outcome(sut.beginAttempt(account, ip))).toBe('refused');
    // The IP refusal gave the account's slot back: the account still has all 3 from another IP.
    for (let i = 0; i < 3; i++)
      expect(await outcome(sut.beginAttempt(account, `198.51.100.${10 + i}`))).toBe('allowed');
  });

  it('counts an email in any case and Unicode form as one account', async () => {
    const local = `zoe-${randomBytes(3).toString('hex')}`;
    const forms = [
      `${local}\u00eb@example.test`,
      `${local.toUpperCase()}E\u0308@EXAMPLE.TEST`,
      ` ${local}e\u0308@example.test `,
    ];
    for (const form of forms)
      expect(await outcome(sut.beginAttempt(form, `198.51.100.${forms.indexOf(form) + 20}`))).toBe('allowed');
    expect(await outcome(sut.beginAttempt(forms[0]!, '198.51.100.30'))).toBe('refused');
  });

  it('does not leave a negative count when a slot comes back after its window ended', async () => {
    const counter = new FixedWindowCounter(redis);
    const key = keys.key('gone-window');
    await counter.giveBack(key);
    expect(await redis.exists(key)).toBe(0);
  });
});
