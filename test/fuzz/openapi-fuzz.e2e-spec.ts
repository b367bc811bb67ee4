import { mkdirSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { seedClientRecords } from '../support/client-records.js';
import { createClient, signUpAndLogIn } from '../support/factories.js';
import { TestApi } from '../support/test-api.js';
import {
  type FuzzContext,
  type FuzzRequest,
  type OpenApiOperation,
  operationsOf,
  requestFor,
  sweepFor,
} from './openapi-requests.js';

// Fixed so a failure replays: FUZZ_SEED=<n> FUZZ_RUNS=<n> npm test -- test/fuzz explores further.
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const CONCURRENCY = 6;
// A valid request to these runs bcrypt, Argon2id or the password-strength check (0.3 to 1 s of
// CPU, the strength check on the event loop): they get mostly mutated bodies, refused before that.
const EXPENSIVE_RUNS: Record<string, number> = {
  'POST /api/v1/auth/signup': 60,
  'POST /api/v1/auth/login': 80,
  'POST /api/v1/auth/recover': 80,
  'POST /api/v1/auth/password': 80,
};
// These end or change the login they are sent with: they get a login of their own.
const OWN_LOGIN = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/password']);

interface Answer {
  status: number;
  text: string;
  body: unknown;
  headers: Headers;
}

/** What is wrong with the answer to `request`, each as a short class name. */
function problemsWith(request: FuzzRequest, answer: Answer): string[] {
  const problems: string[] = [];
  // /health's contract is 503 when Postgres or Redis does not answer in time, which a loaded
  // 2-core machine can make happen: that is not a request the fuzz could have broken.
  const healthCheckTimedOut = request.path === '/health' && answer.status === 503;
  if (answer.status >= 500 && !healthCheckTimedOut) problems.push(`${answer.status} answer`);
  if (request.path.startsWith('/api/v1/') && !/\bno-store\b/.test(answer.headers.get('cache-control') ?? '')) {
    problems.push('no Cache-Control: no-store');
  }
  if (answer.status >= 400) {
    const body = answer.body as Record<string, unknown> | undefined;
    const inShape =
      body !== null &&
      typeof body === 'object' &&
      Object.keys(body).sort().join() === 'code,message,statusCode' &&
      body.statusCode === answer.status &&
      typeof body.code === 'string' &&
      /^[A-Z][A-Z0-9_]*$/.test(body.code) &&
      typeof body.message === 'string' &&
      body.message.length > 0;
    if (!inShape) problems.push('error body outside { statusCode, code, message }');
  }
  if (request.mustReject !== null && answer.status < 400) problems.push(`accepted (${answer.status})`);
  return problems;
}

/** A request as a short, copyable description (the token replaced by <token>). */
function reproducer(request: FuzzRequest, answer: Answer, tokens: string[]) {
  const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length)}…` : text);
  const hide = (text: string) => tokens.reduce((hidden, token) => hidden.split(token).join('<token>'), text);
  return {
    request: `${request.method} ${clip(request.path, 160)}`,
    headers: hide(JSON.stringify(request.headers)),
    body: request.body === undefined ? undefined : clip(request.body, 300),
    why: request.mustReject ?? undefined,
    answer: `${answer.status} ${clip(answer.text, 200)}`,
  };
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

describe(`fuzz of every operation in the served OpenAPI document (seed ${SEED})`, () => {
  let api: TestApi;

  beforeAll(async () => {
    // Request logs at info would be most of the work: 10,000 requests, two lines each.
    api = await TestApi.start({ LOG_LEVEL: 'warn' });
  });
  afterAll(() => api.close());

  it(`answers ${TOTAL_RUNS} generated requests with no 5xx, only Haven's error shape, no-store, and nothing wrongly accepted`, async () => {
    // Reads go to one coach and writes to another, so what a read decrypts (lists, the export)
    // does not grow with every session, client and amendment the fuzz writes.
    const [coach, writer, ownLogin] = [await signUpAndLogIn(api), await signUpAndLogIn(api), await signUpAndLogIn(api)];
    const seeded = await seedClientRecords(api, coach.token, 'fuzz');
    const written = await seedClientRecords(api, writer.token, 'fuzz-writes');
    // A second page on every list, so real cursors exist to be bent.
    await createClient(api, coach.token);
    await api.post(`/api/v1/clients/${seeded.id}/goals`, { statement: 'a second goal' }, coach.token);
    await api.post(
      `/api/v1/clients/${seeded.id}/supervision`,
      { supervisedOn: '2026-01-03', supervisor: 'Second Supervisor', notes: 'more' },
      coach.token,
    );

    const served = await api.get('/api/docs/openapi.json');
    expect(served.status).toBe(200);
    const document = served.body;
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(20);

    const idsFor = (operation: OpenApiOperation, parameter: string): string[] => {
      // DELETE of a real client would shred it for every later request: only ids that name nothing.
      if (operation.method === 'DELETE') return [];
      const data = operation.method === 'GET' ? seeded : written;
      if (parameter === 'followUpId') return data.followUpIds;
      // The last session has two versions: a second page of versions.
      if (operation.template.startsWith('/api/v1/sessions/')) return [...data.sessionIds].reverse();
      return [data.id];
    };
    const cursors = new Map<string, string>();
    for (const operation of operations.filter(
      (o) => o.method === 'GET' && o.parameters.some((p) => p.name === 'cursor'),
    )) {
      const path = operation.template.replace(/\{(\w+)\}/g, (_, name: string) => idsFor(operation, name)[0]!);
      const page = await api.get(`${path}?limit=1`, coach.token);
      if (page.body?.nextCursor) cursors.set(operation.template, page.body.nextCursor);
    }
    expect(cursors.size).toBeGreaterThan(0);
    const contextFor = (token: string): FuzzContext => ({
      resolve: (ref) => document.components.schemas[ref.split('/').pop()!],
      idsFor,
      cursorFor: (template) => cursors.get(template),
      token,
    });

    const contexts = operations.map((operation) => {
      const name = `${operation.method} ${operation.template}`;
      return contextFor(OWN_LOGIN.has(name) ? ownLogin.token : operation.method === 'GET' ? coach.token : writer.token);
    });
    const sweep = operations.flatMap((operation, index) => sweepFor(operation, contexts[index]!, SEED + index));
    const cheap = operations.filter((o) => !(`${o.method} ${o.template}` in EXPENSIVE_RUNS));
    const expensiveRuns = Object.values(EXPENSIVE_RUNS).reduce((sum, n) => sum + n, 0);
    const runsEach = Math.ceil((TOTAL_RUNS - sweep.length - expensiveRuns) / cheap.length);
    const random = operations.flatMap((operation, index) => {
      const name = `${operation.method} ${operation.template}`;
      const context = contexts[index]!;
      const bodyMutationsOnly = name in EXPENSIVE_RUNS;
      return fc.sample(requestFor(operation, context, { bodyMutationsOnly }), {
        seed: SEED + index,
        numRuns: EXPENSIVE_RUNS[name] ?? runsEach,
      });
    });
    const requests = [...sweep, ...random];
    // Interleaved, so a slow operation does not run alone at the end.
    requests.sort(
      (a, b) => ((a.path.length * 31 + a.mutation.length) % 97) - ((b.path.length * 31 + b.mutation.length) % 97),
    );
    expect(requests.length).toBeGreaterThanOrEqual(TOTAL_RUNS);

    const classes = new Map<string, { count: number; example: ReturnType<typeof reproducer> }>();
    const started = Date.now();
    const timeByOperation = new Map<string, number>();
    await inParallel(requests, CONCURRENCY, async (request) => {
      const sent = Date.now();
      const answer = await api
        .request(request.method, request.path, { headers: request.headers, rawBody: request.body })
        .catch((error: Error) => ({
          status: 599,
          text: `no answer: ${error.message}`,
          body: undefined,
          headers: new Headers(),
        }));
      timeByOperation.set(request.operation, (timeByOperation.get(request.operation) ?? 0) + Date.now() - sent);
      for (const problem of problemsWith(request, answer)) {
        const key = `${problem} | ${request.operation} | ${request.mutation}`;
        const known = classes.get(key);
        if (known) known.count += 1;
        else
          classes.set(key, {
            count: 1,
            example: reproducer(request, answer, [coach.token, writer.token, ownLogin.token]),
          });
      }
    });
    const elapsedMs = Date.now() - started;

    const report = [...classes.entries()].sort().map(([key, value]) => ({ class: key, ...value }));
    mkdirSync('test-results', { recursive: true });
    writeFileSync(
      'test-results/fuzz-report.json',
      JSON.stringify(
        {
          seed: SEED,
          requests: requests.length,
          sweep: sweep.length,
          elapsedMs,
          msByOperation: Object.fromEntries(timeByOperation),
          failures: report,
        },
        null,
        2,
      ),
    );
    expect(report).toEqual([]);
  }, 600_000); // 75 to 85 s of CPU; 4 to 5 minutes of wall time at a load average of 15 to 20 on 2 cores
});
