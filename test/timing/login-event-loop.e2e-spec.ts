import { monitorEventLoopDelay } from 'node:perf_hooks';
import { signUpCoach } from '../support/factories.js';
import { TestApi } from '../support/test-api.js';

describe('logins do not stall the event loop', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(() => api.close());

  it('keeps p99 event-loop delay under 100 ms during 20 concurrent logins (bcrypt and Argon2id off the main thread)', async () => {
    const coaches = await Promise.all(Array.from({ length: 20 }, () => signUpCoach(api)));
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    const otherRequestMs: number[] = [];
    let loginsDone = false;

    histogram.enable();
    const probe = (async () => {
      while (!loginsDone) {
        const started = performance.now();
        expect((await api.get('/health')).status).toBe(200);
        otherRequestMs.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const answers = await Promise.all(
      coaches.map((coach) => api.post('/api/v1/auth/login', { email: coach.email, password: coach.password })),
    );
    loginsDone = true;
    await probe;
    histogram.disable();

    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    const p99DelayMs = histogram.percentile(99) / 1e6;
    otherRequestMs.sort((a, b) => a - b);
    const p99OtherMs = otherRequestMs[Math.floor(otherRequestMs.length * 0.99)] ?? otherRequestMs.at(-1)!;
    console.log(
      `20 concurrent logins: event-loop delay p99 ${p99DelayMs.toFixed(1)} ms, max ${(histogram.max / 1e6).toFixed(1)} ms; ` +
        `/health during logins p99 ${p99OtherMs.toFixed(1)} ms over ${otherRequestMs.length} requests`,
    );
    expect(otherRequestMs.length).toBeGreaterThan(5);
    expect(p99DelayMs).toBeLessThan(100);
    expect(p99OtherMs).toBeLessThan(250);
  });
});
