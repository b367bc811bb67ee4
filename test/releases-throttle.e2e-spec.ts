import { randomBytes } from 'node:crypto';
import { createClient, signUpAndLogIn, uniqueEmail } from './support/factories.js';
import { createRelease, linkTokenSentTo } from './support/releases.js';
import { startTestWorker, type TestWorker } from './support/mail.js';
import { TestApi } from './support/test-api.js';

const OPEN = '/api/v1/public/releases/open';
const LIMIT = 30; // HAVEN_SIGNING_FAILURES_PER_IP's default (the test run raises it for other suites)

/**
 * Token guessing on the public release routes, per client IP. The API trusts 127.0.0.1 as a proxy
 * here, so each test speaks from its own X-Forwarded-For address and counts from zero.
 */
describe('CONF_RELEASE: public release routes are throttled per IP against token guessing', () => {
  let api: TestApi;
  // Delivers the signing-link emails this suite reads from the outbox.
  let worker: TestWorker;
  let ipCounter = 0;

  beforeAll(async () => {
    api = await TestApi.start({ HAVEN_TRUSTED_PROXIES: '127.0.0.1', HAVEN_SIGNING_FAILURES_PER_IP: String(LIMIT) });
    worker = await startTestWorker();
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const freshIp = () => `203.0.113.${++ipCounter}`;
  const randomToken = () => randomBytes(32).toString('base64url');
  const open = (token: string, ip: string) =>
    api.request('POST', OPEN, { body: { token }, headers: { 'x-forwarded-for': ip } });

  it('CONF_RELEASE: 200 attempts with random tokens from one IP end in 429 with Retry-After', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    let last = await open(randomToken(), ip);
    statuses.push(last.status);
    for (let i = 1; i < 200; i++) {
      last = await open(randomToken(), ip);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, LIMIT).every((status) => status === 404)).toBe(true);
    expect(statuses.slice(LIMIT).every((status) => status === 429)).toBe(true);
    expect(last.body.code).toBe('TOO_MANY_ATTEMPTS');
    const retryAfter = Number(last.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another address is not affected.
    expect((await open(randomToken(), freshIp())).status).toBe(404);
  });

  it('CONF_RELEASE: 40 simultaneous guesses from one IP get exactly the limit through', async () => {
    const ip = freshIp();
    const answers = await Promise.all(Array.from({ length: 40 }, () => open(randomToken(), ip)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 404)).toHaveLength(LIMIT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40 - LIMIT);
  });

  it('CONF_RELEASE: a real signer behind a shared address is never throttled by their own link', async () => {
    const coach = await signUpAndLogIn(api);
    const email = uniqueEmail('client');
    const client = await createClient(api, coach.token, { email });
    await createRelease(api, coach.token, client.id);
    const token = await linkTokenSentTo(email);
    const ip = freshIp();
    for (let i = 0; i < LIMIT + 20; i++) expect((await open(token, ip)).status).toBe(200);
    // Valid requests took nothing from the IP's allowance for mistakes.
    const mistakes = await Promise.all(Array.from({ length: LIMIT }, () => open(randomToken(), ip)));
    expect(mistakes.every((answer) => answer.status === 404)).toBe(true);
  });
});
