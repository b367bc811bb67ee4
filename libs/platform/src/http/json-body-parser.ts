import type { FastifyInstance } from 'fastify';
import { CommonErrorCode, HavenException, ValidationFailedException } from '../errors/haven.exception.js';
import { isWellFormedText } from '../validation/text.validators.js';

/** Haven's bodies nest three levels deep at most; 32 leaves room and stops pathological input. */
const MAX_JSON_NESTING = 32;
/**
 * Haven's largest body has a dozen fields; 1000 leaves room for lists. A 1 MiB body of 90,000
 * unknown keys took class-transformer and class-validator 11 s to refuse, and the refusal listed
 * every key (4 MB): this bound is checked in one pass before anything parses the body.
 */
const MAX_JSON_MEMBERS = 1000;

/**
 * Fastify's own JSON parser (prototype-poisoning checks included) with two more refusals, each of
 * which was a 500 before:
 * - nesting deeper than `limit`: a 1 MiB body of `[[[[...]]]]` parses fine, then overflows the
 *   stack of class-transformer;
 * - text that is not well-formed Unicode (a lone surrogate, which JSON can carry as `\ud800`):
 *   validator.js's isEmail throws a URIError on it, and UTF-8 could not store it anyway.
 */
export function useStrictJsonParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const shape = measureJson(body as string, MAX_JSON_NESTING, MAX_JSON_MEMBERS);
    if (shape.tooDeep) {
      const message = `The body nests objects or arrays more than ${MAX_JSON_NESTING} levels deep.`;
      return done(new HavenException(400, CommonErrorCode.BAD_REQUEST, message), undefined);
    }
    if (shape.members > MAX_JSON_MEMBERS) {
      const message = `The body has more than ${MAX_JSON_MEMBERS} fields in all.`;
      return done(new HavenException(400, CommonErrorCode.BAD_REQUEST, message), undefined);
    }
    return parse(request, body as string, (error, value) => {
      if (error) return done(error, undefined);
      const where = firstMalformedText(value, 'body');
      if (where === null) return done(null, value);
      return done(
        new ValidationFailedException(`Invalid request: ${where} must be well-formed Unicode text.`),
        undefined,
      );
    });
  });
}

/** The path of the first key or string that holds a lone surrogate, or null. Depth is already bounded. */
export function firstMalformedText(value: unknown, path: string): string | null {
  if (typeof value === 'string') return isWellFormedText(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = firstMalformedText(item, `${path}[${index}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path === 'body' ? key : `${path}.${key}`;
      if (!isWellFormedText(key)) return `a field name in ${path}`;
      const found = firstMalformedText(item, field);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * Whether brackets outside strings nest deeper than `depthLimit`, and how many object members
 * (colons outside strings) the text holds; the scan stops as soon as either limit is passed, so a
 * refusal costs microseconds. One pass, no recursion, so the check itself cannot overflow;
 * malformed JSON is left to the parser.
 */
export function measureJson(
  json: string,
  depthLimit: number,
  memberLimit = Infinity,
): { tooDeep: boolean; members: number } {
  let depth = 0;
  let members = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const char = json.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i++; // a backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x3a) {
      if (++members > memberLimit) return { tooDeep: false, members };
    } else if (char === 0x7b || char === 0x5b) {
      if (++depth > depthLimit) return { tooDeep: true, members };
    } else if (char === 0x7d || char === 0x5d) {
      depth--;
    }
  }
  return { tooDeep: false, members };
}
