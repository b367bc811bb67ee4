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
