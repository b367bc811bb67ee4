import { randomBytes } from 'node:crypto';
import { signUpCoach, strongPassword } from './support/factories.js';
import { TestApi } from './support/test-api.js';

// Its own Redis prefix: the 30 failures below must not count against the other suites' IP.
describe('login throttling under concurrency', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}-burst-${randomBytes(3).toString('hex')}` });
  });
  afterAll(() => api.close());

  it('checks at most 10 of 30 simultaneous wrong passwords for one account; the rest get 429 with Retry-After', async () => {
    const coach = await signUpCoach(api);
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        api.post('/api/v1/auth/login', { email: coach.email, password: strongPassword() }),
      ),
    );
    const checked = answers.filter((answer) => answer.status === 401);
    const throttled = answers.filter((answer) => answer.status === 429);
    expect(checked.length).toBeLessThanOrEqual(10);
    expect(checked.length + throttled.length).toBe(30);
    for (const answer of throttled) {
      expect(answer.body.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // The window is used up: even the right password waits.
    expect((await api.post('/api/v1/auth/login', { email: coach.email, password: coach.password })).status).toBe(429);
  });

  it('gives the slot back on success: 30 simultaneous right logins of one coach leave the window free', async () => {
    const coach = await signUpCoach(api);
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        api.post('/api/v1/auth/login', { email: coach.email, password: coach.password }),
      ),
    );
    // At most 10 are checked at once; those beyond wait for a slot with 429.
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(10);
    expect(answers.every((answer) => answer.status === 200 || answer.status === 429)).toBe(true);
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await api.post('/api/v1/auth/login', { email: coach.email, password: strongPassword() })).status).toBe(
        401,
      );
    }
    expect((await api.post('/api/v1/auth/login', { email: coach.email, password: strongPassword() })).status).toBe(429);
  });
});
