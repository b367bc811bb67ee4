import { randomBytes } from 'node:crypto';
import type { TestApi } from './test-api.js';

/** A password that passes the policy: long and random. */
export function strongPassword(): string {
  return `Haven-${randomBytes(12).toString('base64url')}-pass`;
}

export function uniqueEmail(label = 'coach'): string {
  return `${label}-${randomBytes(5).toString('hex')}@example.test`;
}

export interface TestCoach {
  id: string;
  email: string;
  password: string;
  displayName: string;
  recoveryKey: string;
}

export async function signUpCoach(
  api: TestApi,
  overrides: Partial<Omit<TestCoach, 'id' | 'recoveryKey'>> = {},
): Promise<TestCoach> {
  const input = { email: uniqueEmail(), password: strongPassword(), displayName: 'Robin Coach', ...overrides };
  const answer = await api.post('/api/v1/auth/signup', input);
  if (answer.status !== 201) throw new Error(`signup failed: ${answer.status} ${answer.text}`);
  return { ...input, id: answer.body.coach.id, recoveryKey: answer.body.recoveryKey };
}

export async function logIn(api: TestApi, email: string, password: string): Promise<string> {
  const answer = await api.post('/api/v1/auth/login', { email, password });
  if (answer.status !== 200) throw new Error(`login failed: ${answer.status} ${answer.text}`);
  return answer.body.accessToken;
}

export interface LoggedInCoach extends TestCoach {
  token: string;
}

/** A coach, logged in. */
export async function signUpAndLogIn(
  api: TestApi,
  overrides: Partial<Omit<TestCoach, 'id' | 'recoveryKey'>> = {},
): Promise<LoggedInCoach> {
  const coach = await signUpCoach(api, overrides);
  return { ...coach, token: await logIn(api, coach.email, coach.password) };
}

/** An intake body for an adult whose screening is all "no"; override any field. */
export function intakeBody(overrides: Record<string, unknown> = {}) {
  return {
    fullName: 'Sam Rivera',
    email: uniqueEmail('client'),
    dateOfBirth: '1988-05-17',
    screening: { activelySuicidal: false, activeAddiction: false, activeSelfHarm: false, outsideCompetence: false },
    ...overrides,
  };
}

export function sessionBody(overrides: Record<string, unknown> = {}) {
  return {
    occurredAt: '2026-01-15T10:00:00Z',
    durationMinutes: 50,
    notes: 'Worked on grounding; client named two strengths.',
    clientUnderInfluence: false,
    clientRegulatedAtClose: true,
    ...overrides,
  };
}

/** POST /clients; throws unless 201. */
export async function createClient(
  api: TestApi,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; status: string }> {
  const answer = await api.post('/api/v1/clients', intakeBody(overrides), token);
  if (answer.status !== 201) throw new Error(`intake failed: ${answer.status} ${answer.text}`);
  return answer.body;
}

/** POST /clients/:id/sessions; throws unless 201. */
export async function recordSession(
  api: TestApi,
  token: string,
  clientId: string,
  overrides: Record<string, unknown> = {},
) {
  const answer = await api.post(`/api/v1/clients/${clientId}/sessions`, sessionBody(overrides), token);
  if (answer.status !== 201) throw new Error(`session failed: ${answer.status} ${answer.text}`);
  return answer.body as { id: string; status: string; version: number; openFollowUps: any[] };
}

/** A certifier (staff account, no vault), logged in. */
export async function logInCertifier(api: TestApi): Promise<string> {
  const { Transactions } = await import('#haven/audit');
  const { IdentityService } = await import('#haven/identity');
  const email = uniqueEmail('certifier');
  const password = strongPassword();
  await api.app
    .get(Transactions)
    .transactionWithoutCoach((tx) =>
      api.app
        .get(IdentityService)
        .createStaffAccount(tx, { email, password, displayName: 'Casey Certifier', role: 'certifier' }),
    );
  return logIn(api, email, password);
}

/** The platform admin, logged in. */
export async function logInAdmin(api: TestApi): Promise<string> {
  const { IdentityService } = await import('#haven/identity');
  const email = uniqueEmail('admin');
  const password = strongPassword();
  await api.app.get(IdentityService).ensureAdmin(email, password);
  return logIn(api, email, password);
}

/** A calendar day `months` months before today (UTC), clamped like the ethics lib (for vettings). */
export function monthsAgo(months: number, days = 0): string {
  const now = new Date();
  const target = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(now.getUTCDate(), lastDay) - days);
  return target.toISOString().slice(0, 10);
}

/** A provider body vetted today; override any field. */
export function providerBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Dr. Alex Morgan',
    kind: 'therapist',
    organization: 'Riverside Trauma Clinic',
    contact: '+1 555 0100',
    specialties: ['EMDR', 'complex trauma'],
    vettedOn: monthsAgo(0),
    vettingNotes: 'Met in person; licensed; takes new clients.',
    ...overrides,
  };
}

/** POST /providers; throws unless 201. */
export async function createProvider(
  api: TestApi,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; vettingDueOn: string; vettingCurrent: boolean }> {
  const answer = await api.post('/api/v1/providers', providerBody(overrides), token);
  if (answer.status !== 201) throw new Error(`provider failed: ${answer.status} ${answer.text}`);
  return answer.body;
}
