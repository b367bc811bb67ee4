import { TestApi } from './support/test-api.js';

describe('platform defaults', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(() => api.close());

  it('answers /health with the state of Postgres and Redis', async () => {
    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
  });

  it('sends helmet security headers and no-store on API answers', async () => {
    const answer = await api.get('/api/v1/me');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('grants no cross-origin access by default', async () => {
    const answer = await api.request('OPTIONS', '/api/v1/auth/login', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the OpenAPI document with the identity routes', async () => {
    const docs = await api.get('/api/docs/openapi.json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/signup',
        '/api/v1/auth/login',
        '/api/v1/auth/logout',
        '/api/v1/auth/password',
        '/api/v1/auth/recover',
        '/api/v1/me',
        '/health',
      ]),
    );
    expect((await api.get('/api/docs')).status).toBe(200);
  });

  it('documents the error answers, in the error shape, on every operation', async () => {
    const { body: docs } = await api.get('/api/docs/openapi.json');
    expect(docs.components.schemas.ErrorResponseDto.required).toEqual(['statusCode', 'code', 'message']);
    const login = docs.paths['/api/v1/auth/login'].post.responses;
    for (const status of ['400', '401', '404', '422', '429']) {
      expect(login[status].content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorResponseDto');
    }
  });
});

describe('health when Redis is down', () => {
  let api: TestApi;

  beforeAll(async () => {
    // Nothing listens on port 1: every Redis command fails.
    api = await TestApi.start({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => api.close());

  it('answers 503 and names Redis', async () => {
    const health = await api.get('/health');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'Redis not answering.' });
  });
});
