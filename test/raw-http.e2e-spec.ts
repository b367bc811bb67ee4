import { connect } from 'node:net';
import { signUpAndLogIn } from './support/factories.js';
import { TestApi } from './support/test-api.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: any;
}

/** Sends bytes exactly as given (fetch would normalise the request line) and reads until close. */
function sendRaw(api: TestApi, request: Buffer | string): Promise<RawAnswer> {
  const { hostname, port } = new URL(api.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      const bodyText = rest.join('\r\n\r\n');
      let body: unknown = bodyText;
      try {
        body = JSON.parse(bodyText);
      } catch {
        // not JSON: keep the text
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.write(request);
  });
}

const expectHavenError = (answer: RawAnswer, status: number) => {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual({
    statusCode: status,
    code: expect.stringMatching(/^[A-Z_]+$/),
    message: expect.any(String),
  });
  expect(answer.headers['cache-control']).toBe('no-store');
};

describe('answers to request lines fetch cannot send', () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await TestApi.start();
    token = (await signUpAndLogIn(api)).token;
  });
  afterAll(() => api.close());

  it('sets Cache-Control: no-store when the request line uses the absolute form', async () => {
    const host = new URL(api.baseUrl).host;
    const answer = await sendRaw(
      api,
      `GET http://${host}/api/v1/me HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`,
    );
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const clients = await sendRaw(
      api,
      `GET http://${host}/api/v1/clients HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`,
    );
    expect(clients.status).toBe(200);
    expect(clients.headers['cache-control']).toBe('no-store');
  });

  it('answers a raw non-ASCII byte in the path in Haven shape, with no-store', async () => {
    const request = Buffer.concat([
      Buffer.from('GET /api/v1/clients/'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'),
    ]);
    expectHavenError(await sendRaw(api, request), 400);
  });

  it('answers a URL over 16 KiB with 431 in Haven shape, with no-store', async () => {
    const answer = await sendRaw(
      api,
      `GET /api/v1/clients?limit=${'9'.repeat(17 * 1024)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
    );
    expectHavenError(answer, 431);
  });

  it('sets no-store on an unknown route, a bad percent-encoding and /health too', async () => {
    const get = (path: string) => sendRaw(api, `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    expectHavenError(await get('/api/v1/no-such-route'), 404);
    expectHavenError(await get('/api/v1/clients/%E0%A4%A'), 400);
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(health.headers['cache-control']).toBe('no-store');
  });
});
