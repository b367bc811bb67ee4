import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApi } from './support/test-api.js';

interface RequestLine {
  msg: string;
  req: { id: string; method: string; path: string };
  res: { statusCode: number };
  responseTime: number;
}

describe('request logging', () => {
  let api: TestApi;
  let dir: string;
  let logFile: string;

  beforeAll(async () => {
    // A log of its own, at info, so the lines counted are this app's alone.
    dir = mkdtempSync(join(tmpdir(), 'haven-request-log-'));
    logFile = join(dir, 'api.log');
    api = await TestApi.start({ LOG_FILE: logFile, LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function requestLines(): RequestLine[] {
    return readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as RequestLine)
      .filter((line) => line.msg === 'request completed');
  }

  it('writes one line per request, with its id, method, path, status and duration, and nothing confidential', async () => {
    const before = requestLines().length;
    const email = 'logged-nowhere@example.test';
    const password = 'a password that must never be logged';
    const token = 'not-a-real-token-but-a-secret-all-the-same';
    const answers = [
      await api.get('/health'),
      await api.get('/health'),
      await api.get(`/api/v1/me?email=${encodeURIComponent(email)}`, token),
      await api.post('/api/v1/auth/login', { email, password }),
      await api.get('/api/v1/no-such-route'),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 401, 401, 404]);

    const lines = requestLines().slice(before);
    expect(lines.map((line) => [line.req.method, line.req.path, line.res.statusCode])).toEqual([
      ['GET', '/health', 200],
      ['GET', '/health', 200],
      ['GET', '/api/v1/me', 401],
      ['POST', '/api/v1/auth/login', 401],
      ['GET', '/api/v1/no-such-route', 404],
    ]);
    // One line per request id: the same id twice was the bug.
    expect(new Set(lines.map((line) => line.req.id)).size).toBe(lines.length);
    for (const line of lines) expect(line.responseTime).toEqual(expect.any(Number));

    const written = readFileSync(logFile, 'utf8');
    for (const secret of [email, password, token, encodeURIComponent(email)]) {
      expect({ secret, logged: written.includes(secret) }).toEqual({ secret, logged: false });
    }
  });
});
