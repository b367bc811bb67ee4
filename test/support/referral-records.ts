import { randomBytes } from 'node:crypto';
import { RevettingSweep } from '#haven/referrals';
import { createClient, createProvider, monthsAgo } from './factories.js';
import type { TestApi } from './test-api.js';

async function expectStatus(answer: Promise<{ status: number; text: string }>, status: number, what: string) {
  const settled = await answer;
  if (settled.status !== status) throw new Error(`${what} failed: ${settled.status} ${settled.text}`);
}

/**
 * Writes, through the real routes, one row or more in every table of issue 9: coach_settings,
 * providers, provider_vettings, client_referrals and client_endings (a client ended with a
 * referral), and provider_revetting_reminders (the re-vetting sweep, for this coach only, for a
 * provider vetted 12 months ago).
 */
export async function seedReferrals(
  api: TestApi,
  token: string,
  coachId: string,
  label = 'seed',
): Promise<{ providerId: string }> {
  const tag = `${label}-${randomBytes(5).toString('hex')}`;
  await expectStatus(
    api.request('PATCH', '/api/v1/me/settings', { body: { vettingPeriodMonths: 12 }, token }),
    200,
    'settings',
  );
  const provider = await createProvider(api, token, { vettingNotes: `vetting notes ${tag}` });
  await expectStatus(
    api.post(
      `/api/v1/providers/${provider.id}/vettings`,
      { vettedOn: monthsAgo(0), notes: `re-vetting ${tag}` },
      token,
    ),
    201,
    're-vetting',
  );
  const client = await createClient(api, token, { fullName: `Ended ${tag}` });
  await expectStatus(
    api.post(
      `/api/v1/clients/${client.id}/end`,
      { explanation: `explanation ${tag}`, referralProviderId: provider.id },
      token,
    ),
    200,
    'ending',
  );
  const dueSoon = await createProvider(api, token, { vettedOn: monthsAgo(12, -10) });
  const swept = await api.app.get(RevettingSweep).run(monthsAgo(0), [coachId]);
  if (!swept.sent.some((reminder) => reminder.providerId === dueSoon.id)) throw new Error('no re-vetting reminder');
  return { providerId: provider.id };
}
