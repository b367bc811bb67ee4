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
