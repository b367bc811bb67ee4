import { randomUUID } from 'node:crypto';
import { createBody, createCertifier } from './support/certification.js';
import { signUpAndLogIn } from './support/factories.js';
import { TestApi } from './support/test-api.js';

interface Operation {
  method: string;
  path: string;
}

const CERTIFIER_ROUTES = /^\/api\/v1\/body\//;
const ADMIN_ROUTES = /^\/api\/v1\/admin\//;
const ACCOUNT_OWN = /^(\/health|\/api\/v1\/auth\/|\/api\/v1\/me$)/;
// A client's signing link answers to its token, not to a role (test/releases*.e2e-spec.ts).
const PUBLIC_ROUTES = /^\/api\/v1\/public\//;

/**
 * Who may call what, over every operation of the served OpenAPI document (a route another issue
 * adds is in here without anyone listing it): certifier routes for certifiers, admin routes for the
 * admin, and every other route (clients, records, releases, disclosures, referrals, /me/*) for
 * coaches only. The role guard answers before any id is looked up, so random ids do.
 */
describe('CERT_AUDIT: roles on every route of the served OpenAPI document', () => {
  let api: TestApi;
  let operations: Operation[];
  const tokens: Record<'coach' | 'certifier' | 'admin', string> = { coach: '', certifier: '', admin: '' };

  beforeAll(async () => {
    api = await TestApi.start();
    const body = await createBody(api);
    tokens.admin = body.adminToken;
    tokens.certifier = (await createCertifier(api, body)).token;
    tokens.coach = (await signUpAndLogIn(api)).token;
    const document = (await api.get('/api/docs/openapi.json')).body;
    operations = Object.entries<Record<string, unknown>>(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({
        method: method.toUpperCase(),
        path: path.replace(/\{\w+\}/g, () => randomUUID()),
      })),
    );
  });
  afterAll(() => api.close());

  async function statusOf(operation: Operation, token: string): Promise<number> {
    const withBody = operation.method !== 'GET' && operation.method !== 'DELETE';
    return (await api.request(operation.method, operation.path, { token, ...(withBody ? { body: {} } : {}) })).status;
  }

  it('CERT_AUDIT: a certifier and the admin get 403 on every coach route (clients, records, and any added later)', async () => {
    const coachRoutes = operations.filter(
      (operation) =>
        !CERTIFIER_ROUTES.test(operation.path) &&
        !ADMIN_ROUTES.test(operation.path) &&
        !ACCOUNT_OWN.test(operation.path) &&
        !PUBLIC_ROUTES.test(operation.path),
    );
    expect(coachRoutes.map((operation) => operation.path)).toEqual(
      expect.arrayContaining(['/api/v1/clients', '/api/v1/me/give-back', '/api/v1/me/certification']),
    );
    for (const operation of coachRoutes) {
      for (const role of ['certifier', 'admin'] as const) {
        const status = await statusOf(operation, tokens[role]);
        expect({ ...operation, role, status }).toEqual({ ...operation, role, status: 403 });
      }
    }
  });

  it('CERT_AUDIT: a coach and the admin get 403 on every certifier route; a coach and a certifier on every admin route', async () => {
    const certifierRoutes = operations.filter((operation) => CERTIFIER_ROUTES.test(operation.path));
    const adminRoutes = operations.filter((operation) => ADMIN_ROUTES.test(operation.path));
    expect(certifierRoutes.length).toBeGreaterThanOrEqual(9);
    expect(adminRoutes.length).toBeGreaterThanOrEqual(2);
    const cases = [
      ...certifierRoutes.flatMap((operation) => (['coach', 'admin'] as const).map((role) => ({ operation, role }))),
      ...adminRoutes.flatMap((operation) => (['coach', 'certifier'] as const).map((role) => ({ operation, role }))),
    ];
    for (const { operation, role } of cases) {
      const status = await statusOf(operation, tokens[role]);
      expect({ ...operation, role, status }).toEqual({ ...operation, role, status: 403 });
    }
  });

  it('answers 401 to every certification route without a token', async () => {
    for (const operation of operations.filter(
      (candidate) =>
        CERTIFIER_ROUTES.test(candidate.path) ||
        ADMIN_ROUTES.test(candidate.path) ||
        candidate.path.startsWith('/api/v1/me/certification'),
    )) {
      expect({ ...operation, status: (await api.request(operation.method, operation.path)).status }).toEqual({
        ...operation,
        status: 401,
      });
    }
  });
});
