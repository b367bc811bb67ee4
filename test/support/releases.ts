import { randomBytes } from 'node:crypto';
import { withOwnerClient } from '#haven/testing';
import { createClient, uniqueEmail } from './factories.js';
import { waitForMail } from './mail.js';
import type { TestApi } from './test-api.js';

/** A release body whose every field is unique to this call (a random tag); override any field. */
export function releaseBody(overrides: Record<string, unknown> = {}) {
  const tag = randomBytes(4).toString('hex');
  return {
    recipientName: `Dr Jane Doe ${tag}`,
    recipientOrganization: `Riverside Clinic ${tag}`,
    recipientContact: `+1 555 0100 (${tag})`,
    purpose: `Coordinate care with the psychiatrist ${tag}`,
    informationScope: `Dates of sessions and the goals worked on ${tag}`,
    expiresOn: daysFromToday(90),
    ...overrides,
  };
}

/** YYYY-MM-DD, `days` from today (UTC). */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const LINK = /\/r#([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/;

/**
 * The token of a release link emailed to `to` (other than `not`), read from the delivered `.eml`
 * (`/r#<token>`). A worker must run (startTestWorker) for the mail to be delivered.
 */
export async function linkTokenSentTo(to: string, { not }: { not?: string } = {}): Promise<string> {
  const tokenOf = (text: string) => LINK.exec(text)?.[1];
  const mail = await waitForMail(
    (delivered) =>
      delivered.to === to &&
      (delivered.messageKey ?? '').startsWith('release-link:') &&
      tokenOf(delivered.text) !== undefined &&
      tokenOf(delivered.text) !== not,
  );
  return tokenOf(mail.text)!;
}

/** POST /clients/:id/releases; throws unless 201. */
export async function createRelease(
  api: TestApi,
  token: string,
  clientId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; body: ReturnType<typeof releaseBody> }> {
  const body = releaseBody(overrides);
  const answer = await api.post(`/api/v1/clients/${clientId}/releases`, body, token);
  if (answer.status !== 201) throw new Error(`release failed: ${answer.status} ${answer.text}`);
  return { id: answer.body.id, body };
}

/** POST /public/releases/sign with consent and intent: the answer, whatever it is. */
export function trySign(api: TestApi, linkToken: string, signerName = 'Sam Rivera') {
  return api.post('/api/v1/public/releases/sign', {
    token: linkToken,
    signerName,
    consentToElectronicSignature: true,
    intentToSign: true,
  });
}

/** POST /public/releases/sign with consent and intent; throws unless 200. */
export async function signRelease(api: TestApi, linkToken: string, signerName = 'Sam Rivera'): Promise<void> {
  const answer = await trySign(api, linkToken, signerName);
  if (answer.status !== 200) throw new Error(`signing failed: ${answer.status} ${answer.text}`);
}

/** A new client of the coach with one release, and the token emailed to the client. */
export async function clientWithRelease(api: TestApi, coachToken: string, overrides: Record<string, unknown> = {}) {
  const email = uniqueEmail('client');
  const client = await createClient(api, coachToken, { email, fullName: 'Sam Rivera' });
  const release = await createRelease(api, coachToken, client.id, overrides);
  return { clientId: client.id, releaseId: release.id, body: release.body, linkToken: await linkTokenSentTo(email) };
}

/** Moves the releases' expiry to today (UTC), as the owner: they are expired from now on. */
export async function expireToday(releaseIds: string[]): Promise<void> {
  await withOwnerClient((db) =>
    db.query(`UPDATE releases SET expires_on = (now() AT TIME ZONE 'UTC')::date WHERE id = ANY($1)`, [releaseIds]),
  );
}
