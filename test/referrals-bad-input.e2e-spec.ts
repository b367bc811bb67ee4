import { randomUUID } from 'node:crypto';
import { BAD_PAGE_QUERIES, type BodyRoute, describeBodyRoutes } from './support/body-routes.js';
import { expectClearError } from './support/error-answers.js';
import { createClient, createProvider, monthsAgo, providerBody, signUpAndLogIn } from './support/factories.js';
import { TestApi } from './support/test-api.js';

describe('bad input on referral routes: a clear 4xx naming the field, never a 500', () => {
  let api: TestApi;
  let token: string;
  let clientId: string;
  let providerId: string;
  const ending = () => ({ explanation: 'Explained.', referralProviderId: providerId, reason: 'transfer_to_therapy' });

  beforeAll(async () => {
    api = await TestApi.start();
    token = (await signUpAndLogIn(api)).token;
    clientId = (await createClient(api, token)).id;
    providerId = (await createProvider(api, token)).id;
  });
  afterAll(() => api.close());

  const routes: BodyRoute[] = [
    {
      method: 'POST',
      path: '/providers',
      url: () => '/providers',
      valid: () => providerBody(),
      required: ['name', 'kind', 'contact', 'vettedOn', 'vettingNotes'],
    },
    {
      method: 'POST',
      path: '/providers/:id/vettings',
      url: () => `/providers/${providerId}/vettings`,
      valid: () => ({ vettedOn: monthsAgo(0), notes: 'Checked again.' }),
      required: ['vettedOn', 'notes'],
    },
    {
      method: 'PATCH',
      path: '/me/settings',
      url: () => '/me/settings',
      valid: () => ({ vettingPeriodMonths: 24 }),
      required: ['vettingPeriodMonths'],
    },
    {
      method: 'POST',
      path: '/clients/:id/referrals',
      url: () => `/clients/${clientId}/referrals`,
      valid: () => ({ providerId, reason: 'Needs therapy.' }),
      required: ['providerId', 'reason'],
    },
    {
      // A missing explanation or referral is the ethics refusal (422), not a 400: see below.
      method: 'POST',
      path: '/clients/:id/end',
      url: () => `/clients/${clientId}/end`,
      valid: ending,
      required: [],
    },
    {
      method: 'POST',
      path: '/me/close-practice',
      url: () => '/me/close-practice',
      valid: () => ({ endings: [{ clientId, ...ending() }] }),
      required: ['endings'],
    },
  ];

  describeBodyRoutes(routes, (route, options) =>
    api.request(route.method, `/api/v1${route.url()}`, { ...options, token }),
  );

  it.each([
    ['kind', 'wizard'],
    ['name', 'x'.repeat(201)],
    ['vettedOn', '2026-02-30'],
    ['vettedOn', '2999-01-01'],
    ['vettedOn', '1899-12-31'],
    ['specialties', ['']],
    ['specialties', [42]],
    ['specialties', Array.from({ length: 21 }, (_, i) => `s${i}`)],
    ['organization', null],
  ])('refuses a provider whose %s is %j, naming it', async (field, value) => {
    const answer = await api.post('/api/v1/providers', providerBody({ [field]: value }), token);
    expectClearError(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.message).toContain(field);
  });

  it.each([0, 61, 1.5, '12', null])('refuses a vetting period of %j, naming it', async (value) => {
    const answer = await api.request('PATCH', '/api/v1/me/settings', { body: { vettingPeriodMonths: value }, token });
    expectClearError(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.message).toContain('vettingPeriodMonths');
  });

  it.each([
    ['referralProviderId', 'not-a-uuid'],
    ['referralProviderId', null],
    ['explanation', null],
    ['explanation', 'x'.repeat(10_001)],
    ['reason', 'retirement'],
  ])('refuses an ending whose %s is %j, naming it', async (field, value) => {
    const answer = await api.post(`/api/v1/clients/${clientId}/end`, { ...ending(), [field]: value }, token);
    expectClearError(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.message).toContain(field);
  });

  it('names the field of a listed ending that is wrong, and refuses more than 100 endings', async () => {
    const answer = await api.post(
      '/api/v1/me/close-practice',
      { endings: [{ clientId: 'nope', explanation: 'x', referralProviderId: providerId }, 'text'] },
      token,
    );
    expectClearError(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.message).toContain('endings.0.clientId');
    expect(answer.body.message).toContain('endings');
    const many = Array.from({ length: 101 }, () => ({ clientId: randomUUID(), ...ending() }));
    const tooMany = await api.post('/api/v1/me/close-practice', { endings: many }, token);
    expectClearError(tooMany, 400, 'VALIDATION_FAILED');
    expect(tooMany.body.message).toContain('endings');
  });

  it.each(['pause', 'resume'])('POST /clients/:id/%s takes no body and names a field sent anyway', async (move) => {
    const answer = await api.post(`/api/v1/clients/${clientId}/${move}`, { reason: 'x' }, token);
    expectClearError(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.message).toContain('reason');
  });

  it.each(['/providers', '/clients/:id/referrals'])(
    'GET %s refuses a bad limit or cursor with 400 naming it',
    async (path) => {
      const url = `/api/v1${path.replace(':id', clientId)}`;
      for (const [query, field] of BAD_PAGE_QUERIES) {
        const answer = await api.get(`${url}?${query}`, token);
        expect({ query, status: answer.status }).toEqual({ query, status: 400 });
        expect(answer.body.message).toContain(field);
      }
    },
  );

  it('left the client active: no bad request moved it', async () => {
    expect((await api.get(`/api/v1/clients/${clientId}`, token)).body.status).toBe('active');
  });
});
