import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { ensureWebBuilt } from '../../scripts/ensure-built.mjs';
import {
  DESKTOP,
  hasFocus,
  launchChromium,
  PHONE,
  scrollsSideways,
  seriousAccessibilityViolations,
  tabTo,
} from '../support/browser.js';
import { createClient, signUpAndLogIn, uniqueEmail } from '../support/factories.js';
import { createRelease, expireToday, signRelease } from '../support/releases.js';
import { startTestWorker, waitForMail, type TestWorker } from '../support/mail.js';
import { TestApi } from '../support/test-api.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const screenshots = join(root, 'test-results', 'release-signing');
const SIGNER_NAME = 'Alex Jordan Morgan';
const FLOW_TIMEOUT_MS = 180_000;

/**
 * The browser acceptance: a coach drafts a release through the API; the client opens the
 * link from the `.eml` in the outbox in Debian's Chromium (no coach logged in), reads, consents,
 * signs by typing their name, downloads the PDF copy and revokes; screenshots at 1280 and 375 px;
 * axe-core finds no serious or critical violation; the token reaches no log.
 */
describe('the client signs a release in a browser', () => {
  let api: TestApi;
  /** A second API whose per-IP limit is 2 unknown tokens (the throttle test). */
  let strict: TestApi | undefined;
  let worker: TestWorker;
  let browser: Browser;
  let logDir: string;
  let logFile: string;
  const contexts: BrowserContext[] = [];
  /** Every signing token this suite drafted: none may appear in a log. */
  const tokens: string[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(screenshots, { recursive: true });
    // A log of its own, at info (one line per request), to look for the token in.
    logDir = mkdtempSync(join(tmpdir(), 'haven-signing-log-'));
    logFile = join(logDir, 'api.log');
    // Queues and per-IP counters of its own: another suite's 200 token guesses from 127.0.0.1 must
    // not throttle this signer, and this suite's worker delivers this suite's mail.
    const redis = { REDIS_PREFIX: `${process.env.REDIS_PREFIX}-browser` };
    api = await TestApi.start({ ...redis, LOG_FILE: logFile, LOG_LEVEL: 'info' });
    worker = await startTestWorker(redis);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await worker?.close();
    await strict?.close();
    await api?.close();
    rmSync(logDir, { recursive: true, force: true });
  });

  /** A browser window with no login, recording every request the page makes and every CSP complaint. */
  async function openWindow(options: object, bypassCSP = false) {
    const context = await browser.newContext({ ...options, bypassCSP, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    const requests: Request[] = [];
    const cspViolations: string[] = [];
    page.on('request', (request) => requests.push(request));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return { page, requests, cspViolations };
  }

  /** A coach drafts a release for a new client; the link arrives by email, as an `.eml` in the outbox. */
  async function draftRelease() {
    const coach = await signUpAndLogIn(api);
    const clientEmail = uniqueEmail('signer');
    const client = await createClient(api, coach.token, { email: clientEmail });
    const { id: releaseId, body: fields } = await createRelease(api, coach.token, client.id, {
      recipientContact: 'Psychiatry outpatient clinic, 12 River Road, Springfield',
      purpose: 'To coordinate care between my coach and my psychiatrist.',
      informationScope: 'Dates of coaching sessions and the goals we agreed on; no session notes.',
    });
    const mail = await waitForMail(
      (delivered) => delivered.to === clientEmail && delivered.messageKey?.startsWith('release-link:') === true,
      { timeoutMs: 60_000 },
    );
    const link = new URL(/https?:\/\/\S+\/r#\S+/.exec(mail.text)![0]);
    expect(link.pathname).toBe('/r');
    const token = link.hash.slice(1);
    tokens.push(token);
    // The email names the public URL (HAVEN_PUBLIC_URL); the page is opened on this test's API.
    return { fields, token, pageUrl: `${api.baseUrl}/r#${token}`, releaseId };
  }

  async function expectAccessible(page: Page, state: string) {
    expect({ state, violations: await seriousAccessibilityViolations(page) }).toEqual({ state, violations: [] });
  }

  it(
    'opens the emailed link, signs with the keyboard alone, downloads the PDF copy and revokes',
    async () => {
      const { fields, token, pageUrl, releaseId } = await draftRelease();
      const { page, requests, cspViolations } = await openWindow(DESKTOP);
      await page.goto(pageUrl);

      // The release is shown whole, and the token has left the address bar and the history entry.
      await page.getByRole('heading', { name: 'Sign the release' }).waitFor();
      expect(page.url()).toBe(`${api.baseUrl}/r`);
      expect(requests.filter((request) => request.url().endsWith('/public/releases/open'))).toHaveLength(1);
      expect(await page.evaluate(() => (globalThis as any).location.hash)).toBe('');
      const opened = await api.post('/api/v1/public/releases/open', { token });
      expect(opened.body.status).toBe('pending_signature');
      expect(await page.locator('.document').innerText()).toBe(opened.body.documentText);
      expect(await page.locator('.consent-text').innerText()).toBe(opened.body.consentText);
      for (const value of [
        fields.recipientName,
        fields.recipientOrganization,
        fields.purpose,
        fields.informationScope,
      ]) {
        await expect(page.getByText(value, { exact: false }).first().isVisible()).resolves.toBe(true);
      }
      await page.screenshot({ path: join(screenshots, 'open-1280.png'), fullPage: true });

      // Sign with nothing filled in: three named errors, announced, and the focus on the first field.
      const signButton = page.getByRole('button', { name: 'Sign', exact: true });
      await signButton.click();
      await expect(page.getByRole('alert').filter({ hasText: 'Please fix 3 things below.' }).isVisible()).resolves.toBe(
        true,
      );
      const consent = page.getByRole('checkbox', { name: /I agree to receive and sign this release electronically/ });
      expect(await hasFocus(consent)).toBe(true);

      // Keyboard only, in the page's order: consent, intent, name, Sign.
      await page.locator('h1').click(); // a neutral starting point at the top
      await tabTo(page, consent);
      await page.keyboard.press('Space');
      const intent = page.getByRole('checkbox', { name: /I intend to sign it/ });
      await tabTo(page, intent, 3);
      await page.keyboard.press('Space');
      const name = page.getByRole('textbox', { name: 'Type your full name' });
      await tabTo(page, name, 3);
      await page.keyboard.type(SIGNER_NAME);
      await tabTo(page, signButton, 3);
      await page.keyboard.press('Enter');

      // Confirmation, focused so that a screen reader reads it.
      const confirmation = page.getByRole('status').filter({ hasText: 'Thank you, the release is signed' });
      await confirmation.waitFor();
      expect(await confirmation.innerText()).toContain(`Signed by ${SIGNER_NAME}`);
      expect(await hasFocus(confirmation)).toBe(true);
      expect((await api.post('/api/v1/public/releases/open', { token })).body).toMatchObject({
        status: 'signed',
        signerName: SIGNER_NAME,
      });
      await page.screenshot({ path: join(screenshots, 'signed-1280.png'), fullPage: true });
      await page.setViewportSize({ width: 375, height: 740 });
      expect(await scrollsSideways(page)).toBe(false);
      await page.screenshot({ path: join(screenshots, 'signed-375.png'), fullPage: true });
      await page.setViewportSize(DESKTOP.viewport!);

      // The PDF copy: a real PDF whose text holds the signer's name and the recipient.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download your copy (PDF)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`release-${releaseId}.pdf`);
      const pdfPath = join(screenshots, 'signed-copy.pdf');
      await download.saveAs(pdfPath);
      expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pdfText = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(pdfText).toContain(SIGNER_NAME);
      expect(pdfText).toContain(fields.recipientName);

      // Revoke, through a confirmation step.
      await page.getByRole('button', { name: 'Revoke this release' }).click();
      await expect(page.getByText('Are you sure you want to revoke this release?').isVisible()).resolves.toBe(true);
      await page.getByRole('button', { name: 'Yes, revoke it' }).click();
      await page.getByRole('status').filter({ hasText: 'This release has been revoked' }).waitFor();
      expect(await page.getByRole('button', { name: 'Download your copy (PDF)' }).count()).toBe(0);
      expect((await api.post('/api/v1/public/releases/open', { token })).body.status).toBe('revoked');
      await page.screenshot({ path: join(screenshots, 'revoked-1280.png'), fullPage: true });

      // Nothing broke the CSP; no request carried a login or the token in its URL.
      expect(cspViolations).toEqual([]);
      const apiCalls = requests.filter((request) => request.url().includes('/api/'));
      expect(apiCalls.map((request) => new URL(request.url()).pathname)).toEqual(
        expect.arrayContaining([
          '/api/v1/public/releases/open',
          '/api/v1/public/releases/sign',
          '/api/v1/public/releases/pdf',
          '/api/v1/public/releases/revoke',
        ]),
      );
      for (const request of requests) {
        expect({ url: request.url(), authorization: request.headers().authorization }).toEqual({
          url: request.url(),
          authorization: undefined,
        });
        expect(request.url()).not.toContain(token);
      }
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'has no serious or critical axe-core violation before signing, with errors shown, after signing, at 1280 and 375 px',
    async () => {
      const { token, pageUrl } = await draftRelease();
      for (const viewport of [DESKTOP, PHONE]) {
        const { page } = await openWindow(viewport, true);
        const width = viewport.viewport!.width;
        await page.goto(pageUrl);
        await page.getByRole('heading', { name: 'Sign the release' }).waitFor();
        await expectAccessible(page, `before signing at ${width} px`);
        expect(await scrollsSideways(page)).toBe(false);
        await page.screenshot({ path: join(screenshots, `open-${width}.png`), fullPage: true });
        await page.getByRole('button', { name: 'Sign', exact: true }).click();
        await page.getByText('Please fix 3 things below.').waitFor();
        await expectAccessible(page, `with errors at ${width} px`);
        if (width === 375) {
          await page.getByRole('checkbox', { name: /electronically/ }).check();
          await page.getByRole('checkbox', { name: /intend to sign/ }).check();
          await page.getByRole('textbox', { name: 'Type your full name' }).fill(SIGNER_NAME);
          await page.getByRole('button', { name: 'Sign', exact: true }).click();
          await page.getByText('Thank you, the release is signed').waitFor();
          await expectAccessible(page, `after signing at ${width} px`);
          expect(await scrollsSideways(page)).toBe(false);
        }
      }
      // The same link opened again after signing (desktop): the signed page, accessible too.
      const { page } = await openWindow(DESKTOP, true);
      await page.goto(`${api.baseUrl}/r#${token}`);
      await page.getByText('Thank you, the release is signed').waitFor();
      await expectAccessible(page, 'signed, opened again at 1280 px');
    },
    FLOW_TIMEOUT_MS,
  );

  it('shows the unknown-link message for a token that matches no link, and the no-link message without one', async () => {
    const { page } = await openWindow(PHONE, true);
    await page.goto(`${api.baseUrl}/r#${randomBytes(32).toString('base64url')}`);
    const unknown = page.getByRole('alert').filter({ hasText: 'This link does not work' });
    await unknown.waitFor();
    expect(await unknown.innerText()).toContain('Ask your coach to send you a new link');
    await expectAccessible(page, 'unknown link');
    await page.screenshot({ path: join(screenshots, 'unknown-link-375.png'), fullPage: true });

    await page.goto(`${api.baseUrl}/r`);
    await page.getByRole('alert').filter({ hasText: 'Open the link from your email' }).waitFor();
  });

  it(
    'explains a lost connection (and lets the client try again) and a release signed meanwhile in another window',
    async () => {
      const { token, pageUrl } = await draftRelease();
      const { page } = await openWindow(PHONE);

      // The network fails while the page opens the release: say so, and let the client try again.
      const openRoute = '**/api/v1/public/releases/open';
      await page.route(openRoute, (route) => route.abort('internetdisconnected'));
      await page.goto(pageUrl);
      await page.getByRole('alert').filter({ hasText: 'We could not reach Haven' }).waitFor();
      await page.unroute(openRoute);
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('heading', { name: 'Sign the release' }).waitFor();

      // Signed in another window meanwhile: this one's signature is refused (409) and the page says why.
      await signRelease(api, token, 'Signed Elsewhere');
      await page.getByRole('checkbox', { name: /electronically/ }).check();
      await page.getByRole('checkbox', { name: /intend to sign/ }).check();
      await page.getByRole('textbox', { name: 'Type your full name' }).fill(SIGNER_NAME);
      await page.getByRole('button', { name: 'Sign', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'This release is already signed' }).waitFor();
      await page.getByText('Signed by Signed Elsewhere').waitFor();
    },
    FLOW_TIMEOUT_MS,
  );

  it('a link opened after its release expired, or after it was revoked, says so and offers no signing', async () => {
    const expired = await draftRelease();
    await expireToday([expired.releaseId]);
    const revoked = await draftRelease();
    expect((await api.post('/api/v1/public/releases/revoke', { token: revoked.token })).status).toBe(200);

    const { page } = await openWindow(PHONE, true);
    for (const [release, title] of [
      [expired, 'This release has expired'],
      [revoked, 'This release has been revoked'],
    ] as const) {
      await page.goto('about:blank');
      await page.goto(release.pageUrl);
      await page.getByRole('status').filter({ hasText: title }).waitFor();
      expect(await page.getByRole('button', { name: 'Sign', exact: true }).count()).toBe(0);
      await expectAccessible(page, title);
    }
    await page.screenshot({ path: join(screenshots, 'revoked-375.png'), fullPage: true });
  });

  it('no token reaches a log: the page is /r and every token travels in a POST body', async () => {
    // After the flows above: their tokens, and this one, appear in no line of the API's log.
    const { pageUrl } = await draftRelease();
    const { page } = await openWindow(DESKTOP);
    await page.goto(pageUrl);
    await page.getByRole('heading', { name: 'Sign the release' }).waitFor();
    const log = readFileSync(logFile, 'utf8');
    const paths = log
      .split('\n')
      .filter((line) => line.includes('"request completed"'))
      .map((line) => JSON.parse(line).req.path);
    // The log does record these requests (so its silence about the tokens means something).
    expect(paths).toEqual(
      expect.arrayContaining(['/r', '/api/v1/public/releases/open', '/api/v1/public/releases/sign']),
    );
    // Nor does the run's own log, where the worker that sent the links writes.
    const runLog =
      process.env.LOG_FILE && existsSync(process.env.LOG_FILE) ? readFileSync(process.env.LOG_FILE, 'utf8') : '';
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    for (const token of tokens) {
      expect({ token, inApiLog: log.includes(token), inRunLog: runLog.includes(token) }).toEqual({
        token,
        inApiLog: false,
        inRunLog: false,
      });
    }
  });
  it('explains too many attempts: the real per-IP throttle answers 429 (runs last)', async () => {
    // A second API, whose limit is 2 unknown tokens per window. Last, and closed in afterAll: while
    // a second API runs in this process, the first one's login sessions stop working (SESSION_EXPIRED).
    strict = await TestApi.start({
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}-browser-throttle`,
      HAVEN_SIGNING_FAILURES_PER_IP: '2',
    });
    const { page } = await openWindow(PHONE);
    const messages: string[] = [];
    while (messages.length < 4 && !messages.includes('Too many attempts')) {
      await page.goto('about:blank');
      await page.goto(`${strict.baseUrl}/r#${randomBytes(32).toString('base64url')}`);
      messages.push(await page.getByRole('alert').locator('h2').innerText());
    }
    expect(messages).toEqual(['This link does not work', 'This link does not work', 'Too many attempts']);
    expect(await page.getByRole('alert').innerText()).toContain('Wait a few minutes, then try again.');
  });
});
