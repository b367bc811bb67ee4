import { randomUUID } from 'node:crypto';
import { BAD_PAGE_QUERIES, type BodyRoute, describeBodyRoutes } from './support/body-routes.js';
import { expectClearError } from './support/error-answers.js';
import { createClient, intakeBody, recordSession, sessionBody, signUpAndLogIn } from './support/factories.js';
import { TestApi } from './support/test-api.js';

describe('bad input on client and record routes: a clear 4xx naming the field, never a 500', () => {
  let api: TestApi;
  let token: string;
  let clientId: string;
  let sessionId: string;
  // Bodies are validated before anything is looked up: an unknown follow-up keeps this suite from
  // addressing a real one, and a valid body would answer 404.
  const unknownFollowUpId = randomUUID();

  beforeAll(async () => {
    api = await TestApi.start();
    token = (await signUpAndLogIn(api)).token;
    clientId = (await createClient(api, token)).id;
    sessionId = (await recordSession(api, token, clientId)).id;
  });
  afterAll(() => api.close());

  const routes: BodyRoute[] = [
    {
      method: 'POST',
      path: '/clients',
      url: () => '/clients',
      valid: () => intakeBody(),
      required: ['fullName', 'email', 'dateOfBirth', 'screening'],
    },
    {
      method: 'POST',
      path: '/clients/:id/goals',
      url: () => `/clients/${clientId}/goals`,
      valid: () => ({ statement: 'Rest' }),
      required: ['statement'],
    },
    {
      method: 'PUT',
      path: '/clients/:id/supervision-sought',
      url: () => `/clients/${clientId}/supervision-sought`,
      valid: () => ({ supervisionSought: true }),
      required: ['supervisionSought'],
    },
    {
      method: 'POST',
      path: '/clients/:id/supervision',
      url: () => `/clients/${clientId}/supervision`,
      valid: () => ({ supervisedOn: '2026-01-10', supervisor: 'Dr. Sup', notes: 'Notes' }),
      required: ['supervisedOn', 'supervisor', 'notes'],
    },
    {
      method: 'POST',
      path: '/clients/:id/follow-ups/:followUpId/addressed',
      url: () => `/clients/${clientId}/follow-ups/${unknownFollowUpId}/addressed`,
      valid: () => ({ note: 'Called' }),
      required: [],
    },
    {
      method: 'POST',
      path: '/clients/:id/sessions',
      url: () => `/clients/${clientId}/sessions`,
      valid: () => sessionBody({ feeType: 'pro_bono', addressesFollowUpIds: [] }),
      required: ['occurredAt', 'durationMinutes', 'notes', 'clientUnderInfluence', 'clientRegulatedAtClose'],
    },
    {
      method: 'POST',
      path: '/sessions/:id/amendments',
      url: () => `/sessions/${sessionId}/amendments`,
      valid: () => ({ notes: 'New notes', reason: 'Why' }),
      required: ['notes', 'reason'],
    },
  ];

  it.each([
    ['/clients', 'dateOfBirth', '1899-12-31'],
    ['/clients', 'dateOfBirth', '0000-01-01'],
    ['/clients/:id/supervision', 'supervisedOn', '1899-12-31'],
    ['/clients/:id/sessions', 'occurredAt', '1969-12-31T23:59:59Z'],
    ['/clients/:id/sessions', 'occurredAt', '0000-01-01T00:00:00Z'],
  ])('refuses an implausibly old date on %s: %s %s', async (path, field, value) => {
    const route = routes.find((candidate) => candidate.path === path)!;
    const answer = await api.request(route.method, `/api/v1${route.url()}`, {
      body: { ...route.valid(), [field]: value },
      token,
    });
    expectClearError(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.message).toContain(field);
  });

  describeBodyRoutes(routes, (route, options) =>
    api.request(route.method, `/api/v1${route.url()}`, { ...options, token }),
  );

  it('names nested screening answers that are missing or not booleans', async () => {
    const screening = { activelySuicidal: 'no', activeAddiction: false, activeSelfHarm: false };
    const answer = await api.post('/api/v1/clients', intakeBody({ screening }), token);
    expectClearError(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.message).toContain('screening.activelySuicidal');
    expect(answer.body.message).toContain('screening.outsideCompetence');
    const extra = await api.post(
      '/api/v1/clients',
      intakeBody({ screening: { ...intakeBody().screening, diagnosis: 'x' } }),
      token,
    );
    expect(extra.status).toBe(400);
    expect(extra.body.message).toContain('diagnosis');
  });

  it.each([
    ['durationMinutes', 0],
    ['durationMinutes', 1441],
    ['durationMinutes', 50.5],
    ['durationMinutes', '50'],
    ['feeType', 'free'],
    ['notes', ''],
    ['notes', 'x'.repeat(100_001)],
    ['addressesFollowUpIds', ['not-a-uuid']],
    ['addressesFollowUpIds', 'a-string'],
    ['occurredAt', '2026-02-30T10:00:00Z'],
  ])('refuses a session whose %s is %j, naming it', async (field, value) => {
    const answer = await api.post(`/api/v1/clients/${clientId}/sessions`, sessionBody({ [field]: value }), token);
    expectClearError(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.message).toContain(field);
  });

  it.each([
    ['fullName', ''],
    ['fullName', '   '],
    ['fullName', 'x'.repeat(201)],
    ['email', 'not-an-email'],
    ['dateOfBirth', '1990-13-01'],
    ['dateOfBirth', 19900101],
  ])('refuses an intake whose %s is %j, naming it', async (field, value) => {
    const answer = await api.post('/api/v1/clients', intakeBody({ [field]: value }), token);
    expectClearError(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.message).toContain(field);
  });

  it.each([
    '/clients',
    '/clients/:id/goals',
    '/clients/:id/supervision',
    '/clients/:id/sessions',
    '/sessions/:id/versions',
  ])('GET %s refuses a bad limit or cursor with 400 naming it', async (path) => {
    const url = `/api/v1${path.replace(':id', path.startsWith('/sessions') ? sessionId : clientId)}`;
    for (const [query, field] of BAD_PAGE_QUERIES) {
      const answer = await api.get(`${url}?${query}`, token);
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
      expect(answer.body.message).toContain(field);
    }
  });
});
