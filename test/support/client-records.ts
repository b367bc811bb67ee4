import { randomBytes } from 'node:crypto';
import { createClient, recordSession } from './factories.js';
import { createRelease } from './releases.js';
import type { TestApi } from './test-api.js';

/** A client with one row in every table the client and record routes write, and what identifies them. */
export interface SeededClient {
  id: string;
  email: string;
  sessionIds: string[];
  followUpIds: string[];
  goalIds: string[];
  supervisionIds: string[];
  releaseIds: string[];
  disclosureIds: string[];
  /** Every text written for this client; each is unique to it (a random tag). */
  texts: string[];
}

async function expectStatus(
  answer: Promise<{ status: number; text: string; body: any }>,
  status: number,
  what: string,
): Promise<any> {
  const settled = await answer;
  if (settled.status !== status) throw new Error(`${what} failed: ${settled.status} ${settled.text}`);
  return settled.body;
}

/**
 * Writes, through the real routes, a client with a goal, a supervision entry, a session that
 * opens both follow-ups (one addressed with a note), a second session and an amendment: one or
 * more rows in clients, client_goals, client_supervision_entries, client_follow_ups,
 * session_records and session_record_versions; and a release (emailed, unsigned) with a disclosure
 * under a court order: rows in releases and disclosures.
 */
export async function seedClientRecords(api: TestApi, token: string, label = 'seed'): Promise<SeededClient> {
  const tag = `${label}-${randomBytes(5).toString('hex')}`;
  const text = (field: string) => `${field} ${tag}`;
  const fullName = `Client ${tag}`;
  const email = `${tag}@example.test`;
  const { id } = await createClient(api, token, { fullName, email });
  const goal = await expectStatus(
    api.post(`/api/v1/clients/${id}/goals`, { statement: text('goal') }, token),
    201,
    'goal',
  );
  const supervision = await expectStatus(
    api.post(
      `/api/v1/clients/${id}/supervision`,
      { supervisedOn: '2026-01-02', supervisor: text('supervisor'), notes: text('supervision notes') },
      token,
    ),
    201,
    'supervision entry',
  );
  const first = await recordSession(api, token, id, {
    notes: text('first notes'),
    clientUnderInfluence: true,
    clientRegulatedAtClose: false,
  });
  const followUpIds = first.openFollowUps.map((followUp: { id: string }) => followUp.id);
  await expectStatus(
    api.post(`/api/v1/clients/${id}/follow-ups/${followUpIds[0]}/addressed`, { note: text('follow-up note') }, token),
    200,
    'addressing a follow-up',
  );
  const second = await recordSession(api, token, id, { notes: text('second notes') });
  await expectStatus(
    api.post(
      `/api/v1/sessions/${second.id}/amendments`,
      { notes: text('amended notes'), reason: text('reason') },
      token,
    ),
    201,
    'amendment',
  );
  const release = await createRelease(api, token, id, {
    recipientName: text('recipient'),
    recipientOrganization: text('organisation'),
    recipientContact: text('contact'),
    purpose: text('purpose'),
    informationScope: text('information scope'),
  });
  const disclosure = await expectStatus(
    api.post(
      `/api/v1/clients/${id}/disclosures`,
      { recipientName: text('court'), description: text('disclosed'), courtOrderReference: text('order') },
      token,
    ),
    201,
    'disclosure',
  );
  return {
    id,
    email,
    sessionIds: [first.id, second.id],
    releaseIds: [release.id],
    disclosureIds: [disclosure.id],
    followUpIds,
    goalIds: [goal.id],
    supervisionIds: [supervision.id],
    texts: [
      fullName,
      email,
      text('goal'),
      text('supervisor'),
      text('supervision notes'),
      text('first notes'),
      text('follow-up note'),
      text('second notes'),
      text('amended notes'),
      text('reason'),
      text('recipient'),
      text('organisation'),
      text('contact'),
      text('purpose'),
      text('information scope'),
      text('court'),
      text('disclosed'),
      text('order'),
    ],
  };
}
