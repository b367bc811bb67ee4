import type { FastifyInstance } from 'fastify';

/** Haven's bodies nest three levels deep at most; 32 leaves room and stops pathological input. */
export const MAX_JSON_NESTING = 32;

/** The error a too-deeply nested body gets: 400, mapped by HavenExceptionFilter like Fastify's own. */
export class JsonTooDeepError extends Error {
  readonly statusCode = 400;
  readonly code = 'HAVEN_JSON_TOO_DEEP';

  constructor(readonly limit: number) {
    super(`The body nests objects or arrays more than ${limit} levels deep.`);
  }
}

/**
 * Fastify's own JSON parser (prototype-poisoning checks included) behind a nesting limit. Without
 * it a 1 MiB body of `[[[[...]]]]` parses fine and then overflows the stack of class-transformer:
 * a 500 for a request that deserves a 400.
 */
export function useNestingLimitedJsonParser(fastify: FastifyInstance, limit = MAX_JSON_NESTING): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (nestsDeeperThan(body as string, limit)) return done(new JsonTooDeepError(limit), undefined);
    return parse(request, body as string, done);
  });
}

/**
 * Whether brackets outside strings nest deeper than `limit`. One pass, no recursion, so the check
 * itself cannot overflow; malformed JSON is left to the parser.
 */
export function nestsDeeperThan(json: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const char = json.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i++; // a backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      if (++depth > limit) return true;
    } else if (char === 0x7d || char === 0x5d) {
      depth--;
    }
  }
  return false;
}
