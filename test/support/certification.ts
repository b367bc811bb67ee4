import { randomBytes } from 'node:crypto';
import { type LoggedInCoach, logIn, logInAdmin, signUpAndLogIn, strongPassword, uniqueEmail } from './factories.js';
import type { TestApi } from './test-api.js';

export interface TestBody {
  id: string;
  adminToken: string;
}

export interface TestCertifier {
  id: string;
  email: string;
  token: string;
}

/** A certification body created by the admin over HTTP. */
export async function createBody(api: TestApi, adminToken?: string, renewalPeriodMonths = 24): Promise<TestBody> {
  const token = adminToken ?? (await logInAdmin(api));
  const answer = await api.post(
    '/api/v1/admin/certification-bodies',
    { name: `Board ${randomBytes(3).toString('hex')}`, renewalPeriodMonths },
    token,
  );
  if (answer.status !== 201) throw new Error(`body failed: ${answer.status} ${answer.text}`);
  return { id: answer.body.id, adminToken: token };
}

/** A certifier of `body`, created by the admin and logged in. */
export async function createCertifier(api: TestApi, body: TestBody): Promise<TestCertifier> {
  const email = uniqueEmail('certifier');
  const password = strongPassword();
  const answer = await api.post(
    `/api/v1/admin/certification-bodies/${body.id}/certifiers`,
    { email, password, displayName: 'Casey Certifier' },
    body.adminToken,
  );
  if (answer.status !== 201) throw new Error(`certifier failed: ${answer.status} ${answer.text}`);
  return { id: answer.body.id, email, token: await logIn(api, email, password) };
}

/** A coach signed up, logged in and certified by `certifier` from `issuedOn`. */
export async function certifiedCoach(
  api: TestApi,
  certifier: TestCertifier,
  issuedOn: string,
  overrides: { displayName?: string } = {},
): Promise<LoggedInCoach & { expiresOn: string }> {
  const coach = await signUpAndLogIn(api, overrides);
  const answer = await api.post(
    '/api/v1/body/certifications',
    { coachEmail: coach.email, credentialNumber: `CR-${randomBytes(3).toString('hex')}`, issuedOn },
    certifier.token,
  );
  if (answer.status !== 201) throw new Error(`certify failed: ${answer.status} ${answer.text}`);
  return { ...coach, expiresOn: answer.body.expiresOn };
}

/** Records an ethics review course for the coach; throws unless 201. */
export async function recordEthicsReview(api: TestApi, coachToken: string, completedOn: string): Promise<void> {
  const answer = await api.post(
    '/api/v1/me/certification/ethics-review',
    { courseName: 'Ethics review 2026', completedOn, certificateId: `ER-${randomBytes(3).toString('hex')}` },
    coachToken,
  );
  if (answer.status !== 201) throw new Error(`ethics review failed: ${answer.status} ${answer.text}`);
}

/** Days added to a YYYY-MM-DD date. */
export function addDaysTo(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface SeededCertification {
  certifier: TestCertifier;
  otherBodyCertifier: TestCertifier;
}

/**
 * Gives `coach` a row in every certification table through the real routes and the sweep: a
 * certification expiring in 30 days (a sweep claims its 30-day reminder and skips 90 and 60), an
 * ethics review, a suspension and its reinstatement, and an audit sample request. Also a certifier
 * of another body, who must see none of it.
 */
export async function seedCertification(api: TestApi, coach: LoggedInCoach): Promise<SeededCertification> {
  const { RenewalSweepService } = await import('#haven/certification');
  const body = await createBody(api);
  const certifier = await createCertifier(api, body);
  const otherBodyCertifier = await createCertifier(api, await createBody(api, body.adminToken));
  const today = new Date().toISOString().slice(0, 10);
  const expiresOn = addDaysTo(today, 30);
  const issuedOn = `${Number(expiresOn.slice(0, 4)) - 2}${expiresOn.slice(4)}`.replace(/-02-29$/, '-02-28');
  const certified = await api.post(
    '/api/v1/body/certifications',
    { coachEmail: coach.email, credentialNumber: `CR-${randomBytes(3).toString('hex')}`, issuedOn },
    certifier.token,
  );
  if (certified.status !== 201) throw new Error(`certify failed: ${certified.status} ${certified.text}`);
  await recordEthicsReview(api, coach.token, today);
  for (const action of ['suspend', 'reinstate']) {
    const answer = await api.post(
      `/api/v1/body/certifications/${coach.id}/${action}`,
      { reason: action },
      certifier.token,
    );
    if (answer.status !== 200) throw new Error(`${action} failed: ${answer.status} ${answer.text}`);
  }
  const sample = await api.post(
    '/api/v1/body/audit-samples',
    { percent: 100, expiringWithinDays: 60, evidenceDueOn: addDaysTo(today, 14) },
    certifier.token,
  );
  if (sample.status !== 201) throw new Error(`audit sample failed: ${sample.status} ${sample.text}`);
  await api.app.get(RenewalSweepService).run(today);
  return { certifier, otherBodyCertifier };
}
