import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expectClearError, expectNonObjectBodiesRefused } from './support/error-answers.js';
import { logIn, signUpCoach } from './support/factories.js';
import { TestApi, type RequestOptions } from './support/test-api.js';

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

  // Here the message must also explain itself: more than a word or two.
  const expectExplainedError = (answer: { status: number; body: any }, status: number, code?: string) => {
    expectClearError(answer, status, code);
    expect(answer.body.message.length).toBeGreaterThan(10);
  };

  describe.each(routes)('$path', ({ path, valid, needsToken }) => {
    const send = (options: RequestOptions) =>
      api.request('POST', path, { ...options, token: needsToken ? token : undefined });

    it.each(Object.keys(valid))('names the missing field %s', async (field) => {
      const { [field]: _removed, ...rest } = valid;
      const answer = await send({ body: rest });
      expectExplainedError(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.message).toContain(field);
    });

    it.each(Object.keys(valid))('names the field %s when it has the wrong type', async (field) => {
      const answer = await send({ body: { ...valid, [field]: { nested: [1, 2] } } });
      expectExplainedError(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.message).toContain(field);
    });

    // validator.js's isEmail threw a URIError (a 500) on a lone surrogate before the parser refused them.
    it.each(Object.keys(valid))('names the field %s when it holds a lone surrogate', async (field) => {
      const answer = await send({ body: { ...valid, [field]: 'x\ud800@example.test' } });
      expectExplainedError(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.message).toContain(field);
    });

    it('refuses an unknown field and names it', async () => {
      const answer = await send({ body: { ...valid, isAdmin: true } });
      expectExplainedError(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.message).toContain('isAdmin');
    });

    it('refuses malformed JSON', async () => {
      expectExplainedError(
        await send({ rawBody: '{"email": "x@', headers: { 'content-type': 'application/json' } }),
        400,
        'MALFORMED_JSON',
      );
    });

    it('refuses a 10 MB body', async () => {
      const huge = JSON.stringify({ ...valid, padding: 'x'.repeat(10 * 1024 * 1024) });
      expectExplainedError(await send({ rawBody: huge }), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('refuses an empty body, an array and a bare string', async () => {
      await expectNonObjectBodiesRefused(send);
    });

    it('refuses a body that is not JSON', async () => {
      const answer = await send({ rawBody: 'email=x', headers: { 'content-type': 'text/plain' } });
      expect(answer.status).toBe(415);
      expect(answer.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });
  });

  // A NUL in an email reached SQL (500, and the SQL, a stack and the address in the log);
  // invisible and bidi characters let one address or name pass for another.
  it.each([
    ['/api/v1/auth/signup', 'email'],
    ['/api/v1/auth/signup', 'displayName'],
    ['/api/v1/auth/login', 'email'],
    ['/api/v1/auth/recover', 'email'],
  ])('%s refuses NUL, bidi and invisible characters in %s with a 400 naming it', async (path, field) => {
    const { valid } = routes.find((route) => route.path === path)!;
    for (const bad of [
      'x\u0000@example.test',
      'x\u202e@example.test',
      'x\u200b@example.test',
      'x\u2028@example.test',
    ]) {
      const answer = await api.post(path, { ...valid, [field]: bad });
      expectExplainedError(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.message).toContain(field);
    }
  });

  // class-validator's whitelist found these names on Object.prototype and let them through;
  // Nest's pipe deleted `prototype` silently before validating.
  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'prototype'])(
    'refuses the inherited name %s as a body field, at the top and nested, and as a query parameter',
    async (name) => {
      const top = await api.post('/api/v1/auth/login', { ...routes[1]!.valid, [name]: 'x' });
      expectExplainedError(top, 400, 'VALIDATION_FAILED');
      expect(top.body.message).toContain(name);
      const nested = await api.post('/api/v1/clients', { screening: { [name]: true } }, token);
      expectExplainedError(nested, 400, 'VALIDATION_FAILED');
      expect(nested.body.message).toContain(`screening.${name}`);
      const query = await api.get(`/api/v1/clients?${name}=x`, token);
      expectExplainedError(query, 400, 'VALIDATION_FAILED');
      expect(query.body.message).toContain(name);
    },
  );

  it('refuses __proto__ as a query parameter on a list', async () => {
    const answer = await api.get('/api/v1/clients?__proto__=x', token);
    expectExplainedError(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.message).toContain('__proto__');
  });

  it('leaves no typed address, SQL or stack trace in the log after NULs in login and recovery', async () => {
    const typed = `nul-probe-${Date.now()}\u0000@example.test`;
    for (const path of ['/api/v1/auth/login', '/api/v1/auth/recover']) {
      const answer = await api.post(path, { ...routes.find((route) => route.path === path)!.valid, email: typed });
      expectClearError(answer, 400, 'VALIDATION_FAILED');
    }
    const log = readFileSync(process.env.LOG_FILE!, 'utf8');
    expect(log).not.toContain('nul-probe-');
    expect(log).not.toMatch(/SELECT|QueryFailedError/);
  });

  it('answers an unknown route with a coded 404', async () => {
    expectExplainedError(await api.get('/api/v1/no-such-route', token), 404, 'NOT_FOUND');
  });

  it('answers a deeply nested body with a coded 400 naming the nesting', async () => {
    const deep = `{"email":${'['.repeat(33)}${']'.repeat(33)}}`;
    const answer = await api.request('POST', '/api/v1/auth/login', { rawBody: deep });
    expectExplainedError(answer, 400, 'BAD_REQUEST');
    expect(answer.body.message).toMatch(/nests objects or arrays more than 32 levels deep/);
  });

  it('answers a path segment too long to be an id with a coded 404, without echoing it', async () => {
    const answer = await api.get(`/api/v1/clients/${'a'.repeat(5000)}`, token);
    expectExplainedError(answer, 404, 'NOT_FOUND');
    expect(answer.text).not.toContain('aaaaaaaaaa');
  });

  it('answers a URL with broken percent-encoding with a coded 400', async () => {
    expectExplainedError(await api.get('/api/v1/clients/%E0%A4%A', token), 400, 'BAD_REQUEST');
  });

  it('refuses a field sent to a route that takes no body, and accepts none or {}', async () => {
    const coach = await signUpCoach(api);
    const ownToken = await logIn(api, coach.email, coach.password);
    const refused = await api.request('POST', '/api/v1/auth/logout', { body: { everywhere: true }, token: ownToken });
    expectExplainedError(refused, 400, 'VALIDATION_FAILED');
    expect(refused.body.message).toContain('everywhere');
    expect((await api.get('/api/v1/me', ownToken)).status).toBe(200); // the refused logout did nothing
    expect((await api.request('POST', '/api/v1/auth/logout', { body: {}, token: ownToken })).status).toBe(204);
    const other = await logIn(api, coach.email, coach.password);
    expect((await api.request('POST', '/api/v1/auth/logout', { token: other })).status).toBe(204);
    const deleteWithBody = await api.request('DELETE', `/api/v1/clients/${randomUUID()}`, {
      body: { reason: 'x' },
      token,
    });
    expectExplainedError(deleteWithBody, 400, 'VALIDATION_FAILED');
    expect(deleteWithBody.body.message).toContain('reason');
  });

  it('answers a garbage bearer token with a coded 401', async () => {
    expectExplainedError(await api.get('/api/v1/me', 'not.a.token'), 401, 'UNAUTHENTICATED');
    expectExplainedError(await api.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
  });
});
