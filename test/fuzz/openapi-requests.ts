import fc from 'fast-check';

// Requests generated from the served OpenAPI document: a valid request for each operation, or one
// with exactly one mutation (of the path, the query, the body, the auth header or the content
// type), labelled with whether Haven must refuse it. Only the document and the few ids and cursors
// a coach really has go in: no per-route knowledge of the validators.

export interface OpenApiSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  $ref?: string;
}

export interface OpenApiOperation {
  method: string;
  template: string;
  parameters: { in: string; name: string; schema: OpenApiSchema }[];
  body?: OpenApiSchema;
  secured: boolean;
}

/** What a coach's own data offers the generator: real ids (for deep paths) and real cursors. */
export interface FuzzContext {
  resolve(ref: string): OpenApiSchema;
  /** Real ids a path parameter of `operation` may take (none: only ids that name nothing). */
  idsFor(operation: OpenApiOperation, parameter: string): string[];
  /** A real `nextCursor` of the list at `template`, when the coach's list has a second page. */
  cursorFor(template: string): string | undefined;
  token: string;
}

export interface FuzzRequest {
  operation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The mutation made, e.g. `body.extra-field:constructor`; `valid` when none. */
  mutation: string;
  /** Why a 2xx answer would be wrong, or null when the request may be accepted. */
  mustReject: string | null;
}

/** Every operation of the document, with its $refs left for the context to resolve. */
export function operationsOf(document: any): OpenApiOperation[] {
  const operations: OpenApiOperation[] = [];
  for (const [template, item] of Object.entries<any>(document.paths)) {
    for (const [method, operation] of Object.entries<any>(item)) {
      operations.push({
        method: method.toUpperCase(),
        template,
        parameters: operation.parameters ?? [],
        body: operation.requestBody?.content?.['application/json']?.schema,
        secured: (operation.security ?? []).length > 0,
      });
    }
  }
  return operations;
}

// Names a JavaScript object inherits, and a few a client might try to set itself.
const EXTRA_FIELDS = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  'prototype',
  'id',
  'coachId',
  'status',
  'unknownField',
];

const OPAQUE_TEXT = /password|recoveryKey/i; // secrets are compared, not displayed: any text is theirs
const MULTILINE_TEXT = /^(notes|note|reason|statement|vettingNotes|explanation)$/; // free text where line breaks belong

// Characters that must not reach a stored field, by what they are; `singleLineOnly` ones are fine
// in free text (a note may hold a line separator) but not in a name another person reads.
const ODD_CHARACTERS: { label: string; text: string; refusedIn: 'all' | 'single-line' | 'none' }[] = [
  { label: 'NUL', text: '\u0000', refusedIn: 'all' },
  { label: 'C0 control', text: '\u0007', refusedIn: 'all' },
  { label: 'escape', text: '\u001b[31m', refusedIn: 'all' },
  { label: 'C1 control', text: '\u0085', refusedIn: 'all' },
  { label: 'DEL', text: '\u007f', refusedIn: 'all' },
  { label: 'lone high surrogate', text: '\ud800', refusedIn: 'all' },
  { label: 'lone low surrogate', text: '\udfff', refusedIn: 'all' },
  { label: 'tab', text: '\t', refusedIn: 'single-line' },
  { label: 'line feed', text: '\n', refusedIn: 'single-line' },
  { label: 'right-to-left override', text: '\u202e', refusedIn: 'single-line' },
  { label: 'left-to-right embedding', text: '\u202a', refusedIn: 'single-line' },
  { label: 'first strong isolate', text: '\u2068', refusedIn: 'single-line' },
  { label: 'right-to-left mark', text: '\u200f', refusedIn: 'single-line' },
  { label: 'zero-width space', text: '\u200b', refusedIn: 'single-line' },
  { label: 'word joiner', text: '\u2060', refusedIn: 'single-line' },
  { label: 'line separator', text: '\u2028', refusedIn: 'single-line' },
  { label: 'paragraph separator', text: '\u2029', refusedIn: 'single-line' },
  { label: 'emoji', text: '😀', refusedIn: 'none' },
  { label: 'combining accent', text: 'e\u0301', refusedIn: 'none' },
  { label: 'Hebrew', text: 'שלום', refusedIn: 'none' },
  { label: 'CJK', text: '漢字', refusedIn: 'none' },
];

const BAD_IDS = [
  'abc',
  '0',
  '-1',
  '1e5',
  'null',
  'undefined',
  '00000000000000000000000000000000',
  '{id}',
  '%00',
  '%ZZ',
  '%FF',
  '%C3%A9',
  '..',
  `${'a'.repeat(40)}-${'b'.repeat(80)}`,
];

const BAD_LIMITS = [
  '0',
  '101',
  '-1',
  '1.5',
  '0x10',
  '1e2',
  ' 5',
  '5 ',
  '',
  'abc',
  'NaN',
  'Infinity',
  '9'.repeat(25),
  '1,2',
  '０５',
];
const ODD_POSITIONS = [
  '0',
  '1',
  '2147483647',
  '2147483648',
  '9223372036854775807',
  '999999999999999999',
  '-1',
  '1.5',
  ' 1',
];
const UNKNOWN_QUERY = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'foo', 'limit[]', 'cursor[]'];

type Site = { mutation: string; mustReject: string | null };
type Built<T> = T & Site;

const valid = <T>(value: T): Built<{ value: T }> => ({ value, mutation: 'valid', mustReject: null });

function insertAt(text: string, at: number, insert: string): string {
  const k = 1 + (at % Math.max(1, text.length - 1));
  return text.slice(0, k) + insert + text.slice(k);
}

/** A value the schema accepts, kept short and plain so that only mutations are refused. */
function validValue(name: string, schema: OpenApiSchema, context: FuzzContext): fc.Arbitrary<unknown> {
  if (schema.$ref) return validValue(name, context.resolve(schema.$ref), context);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'boolean':
      return fc.boolean();
    case 'number':
    case 'integer':
      return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 1000, 1_000_000) });
    case 'array':
      return fc.array(validValue(name, schema.items ?? { type: 'string' }, context), {
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'object':
      return validObject(schema, context);
    default:
      return validString(name, schema);
  }
}

function validString(name: string, schema: OpenApiSchema): fc.Arbitrary<string> {
  const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{3,11}$/);
  if (schema.format === 'date') {
    return fc
      .date({ min: new Date('1950-01-01'), max: new Date('2005-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  }
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (/email/i.test(name)) return word.map((local) => `${local.toLowerCase()}@example.test`);
  if (/ids$/i.test(name) || schema.format === 'uuid') return fc.uuid({ version: 4 });
  // Passwords stay short: the strength check's cost grows with the length.
  const minLength = Math.max(schema.minLength ?? 1, OPAQUE_TEXT.test(name) ? 12 : 1);
  const maxLength = Math.min(schema.maxLength ?? 80, OPAQUE_TEXT.test(name) ? 24 : 80);
  return fc
    .array(word, { minLength: 1, maxLength: 6 })
    .map((words) => words.join(' '))
    .filter((text) => text.length >= minLength && text.length <= maxLength)
    .map((text) => (OPAQUE_TEXT.test(name) ? `${text}-Zq9!` : text));
}

function validObject(schema: OpenApiSchema, context: FuzzContext): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const arbitraries = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [name, validValue(name, property, context)]),
  );
  return fc.record(arbitraries, { requiredKeys: schema.required ?? [] }) as fc.Arbitrary<Record<string, unknown>>;
}

/** Every (object path, property name, schema, required) of a body, nested objects included. */
function fieldsOf(
  schema: OpenApiSchema,
  context: FuzzContext,
  at: string[] = [],
): { at: string[]; name: string; schema: OpenApiSchema; required: boolean }[] {
  const resolved = schema.$ref ? context.resolve(schema.$ref) : schema;
  return Object.entries(resolved.properties ?? {}).flatMap(([name, property]) => {
    const propertySchema = property.$ref ? context.resolve(property.$ref) : property;
    const field = { at, name, schema: propertySchema, required: (resolved.required ?? []).includes(name) };
    return propertySchema.type === 'object' ? [field, ...fieldsOf(propertySchema, context, [...at, name])] : [field];
  });
}

function objectAt(body: Record<string, unknown>, at: string[]): Record<string, unknown> | undefined {
  let target: unknown = body;
  for (const key of at) target = (target as Record<string, unknown> | undefined)?.[key];
  return target !== null && typeof target === 'object' ? (target as Record<string, unknown>) : undefined;
}

/** Sets an own, enumerable property, `__proto__` included (so JSON.stringify writes it). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const anyJson = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 10 }),
  fc.constant([]),
  fc.constant({}),
);

/** A value of another JSON type than `schema` asks for. */
function wrongType(schema: OpenApiSchema): fc.Arbitrary<unknown> {
  const others: fc.Arbitrary<unknown>[] = [];
  if (schema.type !== 'string' && !schema.enum) others.push(fc.constantFrom('1', 'true', 'text'));
  if (schema.type !== 'boolean') others.push(fc.boolean());
  if (schema.type !== 'number' && schema.type !== 'integer') others.push(fc.constantFrom(0, 1, -1, 1.5));
  if (schema.type !== 'array') others.push(fc.constantFrom([], ['x'], [1]));
  if (schema.type !== 'object') others.push(fc.constantFrom({}, { a: 1 }));
  if (schema.enum || schema.type === 'string') others.push(fc.constantFrom(1, false, ['standard']));
  return fc.oneof(...others);
}

type Field = ReturnType<typeof fieldsOf>[number];
type OddCharacter = (typeof ODD_CHARACTERS)[number];
// The sweep tries only what must be refused somewhere; accepted text is the random part's.
const REFUSED_CHARACTERS = ODD_CHARACTERS.filter((odd) => odd.refusedIn !== 'none');

function withExtraField(body: Record<string, unknown>, at: string[], key: string, value: unknown): Site | null {
  const target = objectAt(body, at);
  if (!target || Object.hasOwn(target, key)) return null;
  setOwn(target, key, value);
  return { mutation: `body.extra-field:${key}`, mustReject: `unknown field ${[...at, key].join('.')}` };
}

function withOddText(body: Record<string, unknown>, f: Field, odd: OddCharacter, at: number): Site | null {
  const target = objectAt(body, f.at);
  if (!target) return null;
  const base = typeof target[f.name] === 'string' ? (target[f.name] as string) : 'plain text';
  target[f.name] = insertAt(base, at, odd.text);
  const multiline = MULTILINE_TEXT.test(f.name);
  const refused =
    !OPAQUE_TEXT.test(f.name) &&
    (odd.refusedIn === 'all' || (odd.refusedIn === 'single-line' && !multiline) || f.schema.format !== undefined); // a date with anything inside is no date
  return { mutation: `body.odd-text:${f.name}:${odd.label}`, mustReject: refused ? `${odd.label} in ${f.name}` : null };
}

/**
 * Besides the random requests, every text field of every body with every odd character and every
 * inherited name as an extra field, once each: a class the random draw could miss (NUL in one
 * field of one route) is always tried. Secrets are left out: any character is theirs, and a valid
 * sign-up costs a second of CPU.
 */
export function sweepFor(operation: OpenApiOperation, context: FuzzContext, seed: number): FuzzRequest[] {
  if (!operation.body) return [];
  const validBody = validValue('body', operation.body, context) as fc.Arbitrary<Record<string, unknown>>;
  const [body] = fc.sample(validBody, { seed, numRuns: 1 });
  const [path] = fc.sample(validPath(operation, context), { seed, numRuns: 1 });
  const fields = fieldsOf(operation.body, context);
  const objects = [[], ...fields.filter((f) => f.schema.type === 'object').map((f) => [...f.at, f.name])];
  const mutations: ((copy: Record<string, unknown>) => Site | null)[] = [
    ...fields
      .filter((f) => f.schema.type === 'string' && !f.schema.enum && !OPAQUE_TEXT.test(f.name))
      .flatMap((f) => REFUSED_CHARACTERS.map((odd) => (copy: Record<string, unknown>) => withOddText(copy, f, odd, 3))),
    ...objects.flatMap((at) =>
      EXTRA_FIELDS.map((key) => (copy: Record<string, unknown>) => withExtraField(copy, at, key, 1)),
    ),
  ];
  return mutations.flatMap((mutation) => {
    const copy = structuredClone(body!);
    const site = mutation(copy);
    if (!site) return [];
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (operation.secured) headers.authorization = `Bearer ${context.token}`;
    const request = { operation: `${operation.method} ${operation.template}`, method: operation.method };
    return [{ ...request, path: path!.path, headers, body: JSON.stringify(copy), ...site }];
  });
}

function bodyMutation(schema: OpenApiSchema, context: FuzzContext): fc.Arbitrary<Built<{ body: string }>> {
  const fields = fieldsOf(schema, context);
  const objects = [[], ...fields.filter((f) => f.schema.type === 'object').map((f) => [...f.at, f.name])];
  const base = validValue('body', schema, context) as fc.Arbitrary<Record<string, unknown>>;
  const json = (value: unknown) => JSON.stringify(value);
  const mutate = <T>(
    arbitrary: fc.Arbitrary<T>,
    apply: (body: Record<string, unknown>, choice: T) => Site | null,
  ): fc.Arbitrary<Built<{ body: string }>> =>
    fc.tuple(base, arbitrary).map(([body, choice]) => {
      const copy = structuredClone(body);
      const site = apply(copy, choice) ?? { mutation: 'valid', mustReject: null };
      return { body: json(copy), ...site };
    });

  const mutations: fc.Arbitrary<Built<{ body: string }>>[] = [
    mutate(fc.tuple(fc.constantFrom(...objects), fc.constantFrom(...EXTRA_FIELDS), anyJson), (body, [at, key, value]) =>
      withExtraField(body, at, key, value),
    ),
  ];
  if (fields.length > 0) {
    const field = fc.constantFrom(...fields);
    mutations.push(
      mutate(
        field.chain((f) => fc.tuple(fc.constant(f), wrongType(f.schema))),
        (body, [f, value]) => {
          const target = objectAt(body, f.at);
          if (!target) return null;
          if (value === null) return null;
          target[f.name] = value;
          return { mutation: `body.wrong-type:${f.name}`, mustReject: `${f.name} of the wrong type` };
        },
      ),
      mutate(field, (body, f) => {
        const target = objectAt(body, f.at);
        if (!target) return null;
        target[f.name] = null;
        return f.required
          ? { mutation: `body.null-required:${f.name}`, mustReject: `${f.name} is required, not null` }
          : { mutation: `body.null-optional:${f.name}`, mustReject: `${f.name} is a ${f.schema.type}, not null` };
      }),
      mutate(field, (body, f) => {
        const target = objectAt(body, f.at);
        if (!target || !f.required) return null;
        delete target[f.name];
        return { mutation: `body.missing:${f.name}`, mustReject: `${f.name} is required` };
      }),
    );
  }
  const texts = fields.filter((f) => f.schema.type === 'string' && !f.schema.enum);
  if (texts.length > 0) {
    mutations.push(
      mutate(fc.tuple(fc.constantFrom(...texts), fc.constantFrom(...ODD_CHARACTERS), fc.nat()), (body, [f, odd, at]) =>
        withOddText(body, f, odd, at),
      ),
    );
    const bounded = texts.filter((f) => f.schema.maxLength !== undefined);
    if (bounded.length > 0) {
      mutations.push(
        mutate(fc.tuple(fc.constantFrom(...bounded), fc.integer({ min: 1, max: 3000 })), (body, [f, over]) => {
          const target = objectAt(body, f.at);
          if (!target) return null;
          target[f.name] = 'x'.repeat(f.schema.maxLength! + over);
          return { mutation: `body.too-long:${f.name}`, mustReject: `${f.name} longer than ${f.schema.maxLength}` };
        }),
      );
    }
  }
  const numbers = fields.filter((f) => f.schema.type === 'number' || f.schema.type === 'integer');
  if (numbers.length > 0) {
    mutations.push(
      mutate(
        fc.tuple(
          fc.constantFrom(...numbers),
          fc.constantFrom(-1, 0, 1e21, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, 1.5, -0.5, Number.MIN_VALUE),
        ),
        (body, [f, value]) => {
          const target = objectAt(body, f.at);
          if (!target) return null;
          target[f.name] = value;
          const outOfRange =
            (f.schema.minimum !== undefined && value < f.schema.minimum) ||
            (f.schema.maximum !== undefined && value > f.schema.maximum) ||
            (f.schema.type === 'integer' && !Number.isInteger(value));
          return {
            mutation: `body.number:${f.name}:${value}`,
            mustReject: outOfRange ? `${f.name} = ${value} outside the schema` : null,
          };
        },
      ),
    );
  }
  mutations.push(
    fc
      .constantFrom('[]', 'null', '"text"', '1', 'true', '{', '{"a":1', '{"a":1}{}', '\u0000')
      .map((raw) => ({ body: raw, mutation: `body.raw:${JSON.stringify(raw)}`, mustReject: 'not a JSON object' })),
  );
  return fc.oneof(...mutations);
}

function pathMutation(operation: OpenApiOperation, context: FuzzContext): fc.Arbitrary<Built<{ path: string }>> {
  const parameters = operation.parameters.filter((p) => p.in === 'path');
  if (parameters.length === 0) return fc.constant({ path: operation.template, mutation: 'valid', mustReject: null });
  const known = (name: string) => context.idsFor(operation, name);
  const value = (name: string): fc.Arbitrary<Built<{ value: string }>> => {
    const ids = known(name);
    const options: fc.WeightedArbitrary<Built<{ value: string }>>[] = [
      {
        weight: 1,
        arbitrary: fc
          .uuid({ version: 4 })
          .map((id) => ({ value: id, mutation: `path.${name}:unknown-uuid`, mustReject: 'names nothing' })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(...BAD_IDS)
          .map((id) => ({ value: id, mutation: `path.${name}:not-a-uuid`, mustReject: 'not an id' })),
      },
    ];
    if (ids.length > 0) {
      options.push(
        { weight: 6, arbitrary: fc.constantFrom(...ids).map(valid) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(...ids).map((id) => ({
            value: id.toUpperCase(),
            mutation: `path.${name}:upper-case`,
            mustReject: null,
          })),
        },
      );
    }
    return fc.oneof(...options);
  };
  return fc.tuple(...parameters.map((p) => value(p.name))).map((values) => {
    let path = operation.template;
    parameters.forEach((p, i) => {
      const raw = values[i]!.value;
      path = path.replace(`{${p.name}}`, raw.startsWith('%') ? raw : encodeURIComponent(raw));
    });
    const mutated = values.find((v) => v.mutation !== 'valid');
    return {
      path,
      mutation: mutated?.mutation ?? 'valid',
      mustReject: mutated ? (values.find((v) => v.mustReject)?.mustReject ?? null) : null,
    };
  });
}

function queryMutation(operation: OpenApiOperation, context: FuzzContext): fc.Arbitrary<Built<{ query: string }>> {
  const names = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const q = (query: string, mutation: string, mustReject: string | null) => ({ query, mutation, mustReject });
  if (names.length === 0) {
    return fc.oneof(
      { weight: 9, arbitrary: fc.constant(q('', 'valid', null)) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(...UNKNOWN_QUERY).map((name) => q(`?${name}=x`, `query.unlisted:${name}`, null)),
      },
    );
  }
  const cursor = context.cursorFor(operation.template);
  const options: fc.WeightedArbitrary<Built<{ query: string }>>[] = [
    { weight: 4, arbitrary: fc.constant(q('', 'valid', null)) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 100 }).map((n) => q(`?limit=${n}`, 'valid', null)) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...BAD_LIMITS)
        .map((limit) =>
          q(
            `?limit=${encodeURIComponent(limit)}`,
            `query.limit:${JSON.stringify(limit)}`,
            `limit ${JSON.stringify(limit)}`,
          ),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .string({ maxLength: 40, unit: 'grapheme' })
        .map((junk) => q(`?cursor=${encodeURIComponent(junk)}`, 'query.cursor:junk', 'a cursor no list gave out')),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...UNKNOWN_QUERY)
        .map((name) => q(`?${encodeURIComponent(name)}=x`, `query.unknown:${name}`, `unknown query parameter ${name}`)),
    },
    { weight: 1, arbitrary: fc.constant(q('?limit=1&limit=2', 'query.limit:repeated', 'limit given twice')) },
    { weight: 1, arbitrary: fc.constant(q(`?cursor=${'a'.repeat(17_000)}`, 'query.huge-url', 'a URL over 16 KB')) },
  ];
  if (cursor) {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    options.push(
      { weight: 1, arbitrary: fc.constant(q(`?limit=1&cursor=${cursor}`, 'valid', null)) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(...ODD_POSITIONS).map((after) => {
          const odd = Buffer.from(JSON.stringify({ ...decoded, after })).toString('base64url');
          return q(`?cursor=${odd}`, `query.cursor:position ${after}`, null);
        }),
      },
    );
  }
  return fc.oneof(...options);
}

function authMutation(
  operation: OpenApiOperation,
  context: FuzzContext,
): fc.Arbitrary<Built<{ authorization?: string }>> {
  const token = context.token;
  if (!operation.secured) return fc.constant({ mutation: 'valid', mustReject: null });
  const a = (authorization: string | undefined, mutation: string, mustReject: string | null) => ({
    authorization,
    mutation,
    mustReject,
  });
  return fc.oneof(
    { weight: 20, arbitrary: fc.constant(a(`Bearer ${token}`, 'valid', null)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        a(`Bearer ${token} junk`, 'auth:trailing junk', 'a token followed by junk'),
        a(`Bearer ${token},Bearer ${token}`, 'auth:two tokens', 'two tokens'),
        a(token, 'auth:no scheme', 'no Bearer scheme'),
        a(`Basic ${token}`, 'auth:Basic', 'not a Bearer token'),
        a(`Bearer ${token}x`, 'auth:tampered', 'a tampered token'),
        a(`Bearer ${token.split('.').slice(0, 2).join('.')}.`, 'auth:unsigned', 'an unsigned token'),
        a(undefined, 'auth:none', 'no token'),
      ),
    },
  );
}

/**
 * One generated request for `operation`, with at most one mutation. `bodyMutationsOnly` always
 * mutates the body: for operations whose valid requests are costly (password hashing), most
 * mutated ones are refused before that cost.
 */
export function requestFor(
  operation: OpenApiOperation,
  context: FuzzContext,
  { bodyMutationsOnly = false } = {},
): fc.Arbitrary<FuzzRequest> {
  const hasBody = operation.body !== undefined;
  const unchanged = { mutation: 'valid', mustReject: null };
  const validBody = hasBody
    ? validValue('body', operation.body!, context).map((value) => ({
        body: JSON.stringify(value) as string | undefined,
        ...unchanged,
      }))
    : fc.constant({ body: undefined as string | undefined, ...unchanged });
  const mutatedBody = hasBody
    ? fc.oneof(
        { weight: 1, arbitrary: validBody },
        { weight: bodyMutationsOnly ? 20 : 7, arbitrary: bodyMutation(operation.body!, context) },
      )
    : operation.method === 'GET'
      ? validBody // fetch sends no body with a GET
      : fc.constantFrom('{}', '{"x":1}', '[]').map((raw) => ({
          body: raw as string | undefined,
          mutation: `body.on-bodyless:${raw}`,
          mustReject: null,
        }));
  const mutatedContentType = fc
    .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml')
    .map((value) => ({
      value,
      mutation: `content-type:${value}`,
      mustReject: hasBody ? `a ${value} body` : null,
    }));
  const json = { value: 'application/json', ...unchanged };
  const bearer = { authorization: operation.secured ? `Bearer ${context.token}` : undefined, ...unchanged };
  // One site mutates per request, so each failure has one cause to name.
  const sites = ['path', 'query', 'body', 'auth', 'content-type'] as const;
  const site = bodyMutationsOnly && hasBody ? fc.constant('body' as const) : fc.constantFrom(...sites);
  return site.chain((site) =>
    fc
      .record({
        path: site === 'path' ? pathMutation(operation, context) : validPath(operation, context),
        query: site === 'query' ? queryMutation(operation, context) : fc.constant({ query: '', ...unchanged }),
        body: site === 'body' ? mutatedBody : validBody,
        auth: site === 'auth' ? authMutation(operation, context) : fc.constant(bearer),
        contentType: site === 'content-type' ? mutatedContentType : fc.constant(json),
      })
      .map((chosen) => {
        const mutated = chosen[site === 'content-type' ? 'contentType' : site];
        const headers: Record<string, string> = {};
        if (chosen.auth.authorization !== undefined) headers.authorization = chosen.auth.authorization;
        if (chosen.body.body !== undefined) headers['content-type'] = chosen.contentType.value;
        return {
          operation: `${operation.method} ${operation.template}`,
          method: operation.method,
          path: chosen.path.path + chosen.query.query,
          headers,
          body: chosen.body.body,
          mutation: mutated.mutation,
          mustReject: mutated.mustReject,
        };
      }),
  );
}

/** The path with real ids, or random ones where the context offers none. */
function validPath(operation: OpenApiOperation, context: FuzzContext): fc.Arbitrary<Built<{ path: string }>> {
  const names = [...operation.template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const idArb = (name: string) => {
    const ids = context.idsFor(operation, name);
    return ids.length > 0 ? fc.constantFrom(...ids) : fc.uuid({ version: 4 });
  };
  return fc.tuple(fc.constant(''), ...names.map(idArb)).map(([, ...ids]) => ({
    path: names.reduce((path, name, i) => path.replace(`{${name}}`, ids[i]!), operation.template),
    mutation: 'valid',
    mustReject: null,
  }));
}
