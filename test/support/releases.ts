import { randomBytes } from 'node:crypto';
import { SHIM_SENT } from '#haven/mail';
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

/** The token of the last release link emailed to `to`, read from the emailed link `/r#<token>`. */
export async function linkTokenSentTo(to: string): Promise<string> {
  const mail = [...SHIM_SENT].reverse().find((sent) => sent.mail.to === to);
  if (!mail) throw new Error(`no release link was emailed to ${to}`);
  const match = /\/r#([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/.exec(mail.mail.text);
  if (!match) throw new Error('the email holds no release link');
  return match[1]!;
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

/** POST /public/releases/sign with consent and intent; throws unless 200. */
export async function signRelease(api: TestApi, linkToken: string, signerName = 'Sam Rivera'): Promise<void> {
  const answer = await api.post('/api/v1/public/releases/sign', {
    token: linkToken,
    signerName,
    consentToElectronicSignature: true,
    intentToSign: true,
  });
  if (answer.status !== 200) throw new Error(`signing failed: ${answer.status} ${answer.text}`);
}
