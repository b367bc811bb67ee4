import { randomBytes } from 'node:crypto';
import { strongPassword, uniqueEmail } from './support/factories.js';
import { TestApi } from './support/test-api.js';

// Its own Redis prefix: an exhausted IP would otherwise throttle every other suite of the run.
describe('login throttling per IP', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}-ip-${randomBytes(3).toString('hex')}` });
  });
  afterAll(() => api.close());

  it('answers 429 after 100 failures from one IP, across different accounts', async () => {
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          api.post('/api/v1/auth/login', { email: uniqueEmail(), password: strongPassword() }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(401));
    }
    const throttled = await api.post('/api/v1/auth/login', { email: uniqueEmail(), password: strongPassword() });
    expect(throttled.status).toBe(429);
    expect(throttled.body.code).toBe('TOO_MANY_ATTEMPTS');
  });
});

// A low limit (3) keeps these fast; the default limit is covered above.
describe('the client IP behind a proxy (HAVEN_TRUSTED_PROXIES)', () => {
  const failFrom = (api: TestApi, forwardedFor: string) =>
    api.request('POST', '/api/v1/auth/login', {
      body: { email: uniqueEmail(), password: strongPassword() },
      headers: { 'x-forwarded-for': forwardedFor },
    });
  const isolated = () => ({
    REDIS_PREFIX: `${process.env.REDIS_PREFIX}-proxy-${randomBytes(3).toString('hex')}`,
    HAVEN_LOGIN_FAILURES_PER_IP: '3',
  });

  it('counts failures per forwarded client when the proxy is trusted', async () => {
    const api = await TestApi.start({ ...isolated(), HAVEN_TRUSTED_PROXIES: 'loopback' });
    try {
      for (let i = 0; i < 3; i++) expect((await failFrom(api, '203.0.113.7')).status).toBe(401);
      const throttled = await failFrom(api, '203.0.113.7');
      expect(throttled.status).toBe(429);
      expect(throttled.body.code).toBe('TOO_MANY_ATTEMPTS');
      // Another client behind the same proxy is not locked out by the first one.
      expect((await failFrom(api, '203.0.113.8')).status).toBe(401);
    } finally {
      await api.close();
    }
  });

  it('ignores X-Forwarded-For from an untrusted peer, so a forged header does not reset the count', async () => {
    const api = await TestApi.start(isolated());
    try {
      for (let i = 0; i < 3; i++) expect((await failFrom(api, `198.51.100.${i}`)).status).toBe(401);
      expect((await failFrom(api, '198.51.100.99')).status).toBe(429);
    } finally {
      await api.close();
    }
  });
});
