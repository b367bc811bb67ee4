import { logIn, signUpCoach } from './support/factories.js';
import { TestApi } from './support/test-api.js';

// Every route with a body, with a valid body to start from; each case below breaks it one way.
const routes: Array<{ path: string; valid: Record<string, unknown>; needsToken: boolean }> = [
  {
    path: '/api/v1/auth/signup',
    valid: { email: 'x@example.test', password: 'Haven-valid-password-1', displayName: 'X' },
    needsToken: false,
  },
  { path: '/api/v1/auth/login', valid: { email: 'x@example.test', password: 'whatever-password' }, needsToken: false },
  {
    path: '/api/v1/auth/password',
    valid: { currentPassword: 'whatever-password', newPassword: 'Haven-valid-password-2' },
    needsToken: true,
  },
  {
    path: '/api/v1/auth/recover',
    valid: { email: 'x@example.test', recoveryKey: 'AAAA-AAAA', newPassword: 'Haven-valid-password-3' },
    needsToken: false,
  },
];

describe('bad input gets a clear 4xx, never a 500', () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await TestApi.start();
    const coach = await signUpCoach(api);
    token = await logIn(api, coach.email, coach.password);
  });
  afterAll(() => api.close());

  const expectClearError = (answer: { status: number; body: any }, status: number, code?: string) => {
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({
      statusCode: status,
      code: code ?? expect.stringMatching(/^[A-Z_]+$/),
      message: expect.any(String),
    });
    expect(answer.body.message.length).toBeGreaterThan(10);
  };

  describe.each(routes)('$path', ({ path, valid, needsToken }) => {
    const send = (options: Parameters<TestApi['request']>[2]) =>
      api.request('POST', path, { ...options, token: needsToken ? token : undefined });

    it.each(Object.keys(valid))('names the missing field %s', async (field) => {
      const { [field]: _removed, ...rest } = valid;
      const answer = await send({ body: rest });
      expectClearError(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.message).toContain(field);
    });

    it.each(Object.keys(valid))('names the field %s when it has the wrong type', async (field) => {
      const answer = await send({ body: { ...valid, [field]: { nested: [1, 2] } } });
      expectClearError(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.message).toContain(field);
    });

    it('refuses an unknown field and names it', async () => {
      const answer = await send({ body: { ...valid, isAdmin: true } });
      expectClearError(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.message).toContain('isAdmin');
    });

    it('refuses malformed JSON', async () => {
      expectClearError(
        await send({ rawBody: '{"email": "x@', headers: { 'content-type': 'application/json' } }),
        400,
        'MALFORMED_JSON',
      );
    });

    it('refuses a 10 MB body', async () => {
      const huge = JSON.stringify({ ...valid, padding: 'x'.repeat(10 * 1024 * 1024) });
      expectClearError(await send({ rawBody: huge }), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('refuses an empty body, an array and a bare string', async () => {
      for (const rawBody of ['', '[]', '"text"', 'null']) {
        const answer = await send({ rawBody });
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(answer.body.code).toMatch(/^[A-Z_]+$/);
      }
    });

    it('refuses a body that is not JSON', async () => {
      const answer = await send({ rawBody: 'email=x', headers: { 'content-type': 'text/plain' } });
      expect(answer.status).toBe(415);
      expect(answer.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });
  });

  it('answers an unknown route with a coded 404', async () => {
    expectClearError(await api.get('/api/v1/no-such-route', token), 404, 'NOT_FOUND');
  });

  it('answers a garbage bearer token with a coded 401', async () => {
    expectClearError(await api.get('/api/v1/me', 'not.a.token'), 401, 'UNAUTHENTICATED');
    expectClearError(await api.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
  });
});
