import { randomBytes } from 'node:crypto';
import { uniqueEmail } from '../support/factories.js';
import { TestApi } from '../support/test-api.js';

/** A body just under 1 MiB made of tens of thousands of unknown keys, as the outside probe sent. */
function manyKeyBody(): string {
  const fields = ['"email":"x@example.test"', '"password":"whatever-password"'];
  let length = 40;
  for (let i = 0; length < 1024 * 1024 - 64; i++) {
    const field = `"k${i}":0`;
    fields.push(field);
    length += field.length + 1;
  }
  return `{${fields.join(',')}}`;
}

// Weak passwords that cost zxcvbn hundreds of milliseconds each (repeats and sequences).
const slowWeakPasswords = ['1234567890'.repeat(7), 'aB1!'.repeat(16), 'qwertyuiop'.repeat(7)];

describe('unauthenticated requests do not freeze the event loop', () => {
  let api: TestApi;

  beforeAll(async () => {
    // Its own Redis prefix and a high sign-up limit: this suite measures the work, not the limit.
    api = await TestApi.start({
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}-load-${randomBytes(3).toString('hex')}`,
      HAVEN_SIGNUPS_PER_IP: '1000',
    });
    await api.get('/health');
  });
  afterAll(() => api.close());

  it('refuses a 1 MiB body of unknown keys quickly, with a short message naming the first few', async () => {
    const body = manyKeyBody();
    const started = performance.now();
    const answer = await api.request('POST', '/api/v1/auth/signup', { rawBody: body });
    const elapsedMs = performance.now() - started;
    console.log(
      `1 MiB many-key body: ${answer.status} in ${elapsedMs.toFixed(0)} ms, answer ${answer.text.length} bytes`,
    );
    expect(answer.status).toBe(400);
    expect(answer.text.length).toBeLessThan(1000);
    expect(elapsedMs).toBeLessThan(1000);
  });

  it('answers /health within 1 s while 20 sign-ups and a 1 MiB many-key body run', async () => {
    const body = manyKeyBody();
    const healthMs: number[] = [];
    let loadDone = false;
    const probe = (async () => {
      while (!loadDone) {
        const started = performance.now();
        expect((await api.get('/health')).status).toBe(200);
        healthMs.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const load = [
      ...Array.from({ length: 20 }, (_, i) =>
        api.post('/api/v1/auth/signup', {
          email: uniqueEmail('load'),
          password: slowWeakPasswords[i % slowWeakPasswords.length],
          displayName: 'Load Coach',
        }),
      ),
      api.request('POST', '/api/v1/auth/signup', { rawBody: body }),
    ];
    const answers = await Promise.all(load);
    loadDone = true;
    await probe;

    const worstMs = Math.max(...healthMs);
    console.log(
      `/health during 20 sign-ups + a 1 MiB many-key body: worst ${worstMs.toFixed(0)} ms over ${healthMs.length} requests; ` +
        `answers ${answers.map((answer) => answer.status).join(',')}`,
    );
    expect(answers.slice(0, 20).map((answer) => answer.body.code)).toEqual(Array(20).fill('WEAK_PASSWORD'));
    expect(answers[20]!.status).toBe(400);
    expect(healthMs.length).toBeGreaterThan(3);
    expect(worstMs).toBeLessThan(1000);
  });
});
