import { expectClearError, expectNonObjectBodiesRefused } from './error-answers.js';
import type { HttpAnswer, RequestOptions } from './test-api.js';

/** A route that takes a JSON body: a valid body, and the fields it cannot go without. */
export interface BodyRoute {
  method: string;
  path: string;
  url: () => string;
  valid: () => Record<string, any>;
  required: string[];
}

/**
 * The checks every body route gets: each missing required field, each field of the wrong type,
 * each text field blank or with a NUL or a lone surrogate, an unknown field, malformed and
 * non-object bodies, the wrong media type and an oversized body, each a clear 4xx naming the field.
 */
export function describeBodyRoutes(
  routes: BodyRoute[],
  request: (route: BodyRoute, options: RequestOptions) => Promise<HttpAnswer>,
): void {
  describe.each(routes)('$method $path', (route) => {
    const send = (options: RequestOptions) => request(route, options);

    if (route.required.length > 0) {
      it.each(route.required)('names the missing field %s', async (field) => {
        const { [field]: _removed, ...rest } = route.valid();
        const answer = await send({ body: rest });
        expectClearError(answer, 400, 'VALIDATION_FAILED');
        expect(answer.body.message).toContain(field);
      });
    }

    it.each(Object.keys(route.valid()))('names the field %s when it has the wrong type', async (field) => {
      for (const wrong of [{ nested: [1, 2] }, 12345, 'text-that-fits-nothing', true]) {
        if (typeof wrong === typeof route.valid()[field] && typeof wrong !== 'object') continue;
        const answer = await send({ body: { ...route.valid(), [field]: wrong } });
        expectClearError(answer, 400, 'VALIDATION_FAILED');
        expect(answer.body.message).toContain(field);
      }
    });

    const textFields = Object.keys(route.valid()).filter((field) => typeof route.valid()[field] === 'string');
    if (textFields.length > 0) {
      it.each(textFields)('names %s when it is blank, holds a NUL or a lone surrogate', async (field) => {
        for (const bad of ['   ', 'a\u0000b', 'a\ud800b']) {
          const answer = await send({ body: { ...route.valid(), [field]: bad } });
          expectClearError(answer, 400, 'VALIDATION_FAILED');
          expect(answer.body.message).toContain(field);
        }
      });
    }

    it('refuses an unknown field and names it', async () => {
      const answer = await send({ body: { ...route.valid(), coachId: '00000000-0000-0000-0000-000000000000' } });
      expectClearError(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.message).toContain('coachId');
    });

    it('refuses malformed JSON, an empty body, an array, a bare string and null', async () => {
      expectClearError(await send({ rawBody: '{"notes": "x' }), 400, 'MALFORMED_JSON');
      await expectNonObjectBodiesRefused(send);
    });

    it('refuses a body that is not JSON (415) and one over 1 MiB (413)', async () => {
      expectClearError(
        await send({ rawBody: 'notes=x', headers: { 'content-type': 'text/plain' } }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      expectClearError(
        await send({ rawBody: JSON.stringify({ ...route.valid(), notes: 'x'.repeat(2 * 1024 * 1024) }) }),
        413,
        'PAYLOAD_TOO_LARGE',
      );
    });
  });
}

/** `?limit=&cursor=` values every list refuses with 400, and the parameter the answer must name. */
export const BAD_PAGE_QUERIES = [
  ['limit=0', 'limit'],
  ['limit=500', 'limit'],
  ['limit=ten', 'limit'],
  ['cursor=%%%', 'cursor'],
  ['cursor=eyJhZnRlciI6LTF9', 'cursor'],
  ['limit=1&limit=2', 'limit'],
] as const;
