import type { HttpAnswer, RequestOptions } from './test-api.js';

/** A coded error answer: this status, and the `{ statusCode, code, message }` body with this code (or any code). */
export function expectClearError(answer: { status: number; body: any }, status: number, code?: string) {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual({
    statusCode: status,
    code: code ?? expect.stringMatching(/^[A-Z_]+$/),
    message: expect.any(String),
  });
}

/**
 * An empty body, an array, a bare string, null, and bodies nested 33 to 100,000 levels deep (which
 * once overflowed class-transformer's stack: a 500) each get a coded 4xx, never a 500.
 */
export async function expectNonObjectBodiesRefused(send: (options: RequestOptions) => Promise<HttpAnswer>) {
  const nested = (depth: number, open: string, close: string) => `{"x":${open.repeat(depth)}${close.repeat(depth)}}`;
  for (const rawBody of [
    '',
    '[]',
    '"text"',
    'null',
    nested(2000, '[', ']'),
    nested(100_000, '[', ']'),
    nested(3000, '{"a":', '}').replace(/\{"a":\}/, '{}'),
  ]) {
    const answer = await send({ rawBody });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.code).toMatch(/^[A-Z_]+$/);
  }
}
