import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWebBuilt } from '../scripts/ensure-built.mjs';
import { TestApi } from './support/test-api.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const SIGNING_PAGE_CSP =
  "default-src 'none';script-src 'self';style-src 'self';img-src 'self' data:;connect-src 'self';" +
  "form-action 'none';frame-ancestors 'none';base-uri 'none'";

function expectPageHeaders(headers: Headers) {
  expect({
    csp: headers.get('content-security-policy'),
    referrer: headers.get('referrer-policy'),
    cache: headers.get('cache-control'),
    frame: headers.get('x-frame-options'),
  }).toEqual({ csp: SIGNING_PAGE_CSP, referrer: 'no-referrer', cache: 'no-store', frame: 'SAMEORIGIN' });
}

describe('GET /r: the signing page, served by the API', () => {
  let api: TestApi;
  const assets = () => readdirSync(join(root, 'dist/web/assets'));

  let logDir: string;
  let logFile: string;

  beforeAll(async () => {
    ensureWebBuilt();
    logDir = mkdtempSync(join(tmpdir(), 'haven-signing-page-log-'));
    logFile = join(logDir, 'api.log');
    api = await TestApi.start({ LOG_FILE: logFile, LOG_LEVEL: 'info' });
  }, 120_000);
  afterAll(async () => {
    await api.close();
    rmSync(logDir, { recursive: true, force: true });
  });

  it('answers the page as HTML in English under the strict CSP, with no inline script or style', async () => {
    const page = await api.get('/r');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expectPageHeaders(page.headers);
    expect(page.text).toContain('<html lang="en">');
    // Every script and stylesheet is an external file under /r/assets/ (the CSP allows nothing else).
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.text).not.toMatch(/<style|\bstyle=/);
    const linked = [...page.text.matchAll(/(?:src|href)="\/r\/assets\/([^"]+)"/g)].map((match) => match[1]);
    expect(linked.sort()).toEqual(assets().sort());
  });

  it('serves its script and stylesheet under the same headers, and nothing outside dist/web', async () => {
    for (const file of assets()) {
      const answer = await api.get(`/r/assets/${file}`);
      expect({ file, status: answer.status }).toEqual({ file, status: 200 });
      expect(answer.headers.get('content-type')).toMatch(file.endsWith('.js') ? /javascript/ : /text\/css/);
      expectPageHeaders(answer.headers);
    }
    expect((await api.get('/r/assets/nothing-here.js')).status).toBe(404);
    // send refuses a path that climbs out of its root with 403 (a plain unknown name is 404).
    for (const path of ['/r/assets/..%2f..%2f..%2fpackage.json', '/r/assets/%2e%2e/%2e%2e/%2e%2e/package.json']) {
      const answer = await api.get(path);
      expect({ path, refused: [403, 404].includes(answer.status) }).toEqual({ path, refused: true });
      expect(answer.text).not.toContain('"name": "haven"');
    }
  });

  it('needs no login: an Authorization header, even a bad one, changes nothing', async () => {
    const page = await api.request('GET', '/r', { headers: { authorization: 'Bearer not-a-login' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root"></div>');
  });

  it('is logged like every request: one line with method, path and status', async () => {
    const logged = await api.get('/r');
    expect(logged.status).toBe(200);
    const lines = readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"request completed"'))
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.req.method, line.req.path, line.res.statusCode])).toContainEqual([
      'GET',
      '/r',
      200,
    ]);
  });
});

describe('GET /r without a built page', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.start({ HAVEN_WEB_DIR: join(root, 'dist/no-web-build-here') });
  }, 120_000);
  afterAll(() => api.close());

  it('answers 503 with a sentence saying to run npm run build, for the page and its files', async () => {
    for (const path of ['/r', '/r/assets/index.js']) {
      const answer = await api.get(path);
      expect({ path, status: answer.status }).toEqual({ path, status: 503 });
      expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(answer.text).toContain('run npm run build');
    }
  });
});
