import { randomUUID } from 'node:crypto';
import { withOwnerClient } from '#haven/testing';
import { lastAuditEventOf } from './support/database.js';
import { expectClearError } from './support/error-answers.js';
import {
  createClient,
  createProvider,
  monthsAgo,
  recordSession,
  sessionBody,
  signUpAndLogIn,
  type LoggedInCoach,
} from './support/factories.js';
import { TestApi } from './support/test-api.js';

const RISK_SCREENING = {
  activelySuicidal: true,
  activeAddiction: false,
  activeSelfHarm: false,
  outsideCompetence: false,
};

describe('referrals and engagements', () => {
  let api: TestApi;
  let coach: LoggedInCoach;
  let otherCoach: LoggedInCoach;

  beforeAll(async () => {
    api = await TestApi.start();
    [coach, otherCoach] = await Promise.all([signUpAndLogIn(api), signUpAndLogIn(api)]);
  });
  afterAll(() => api.close());

  const refer = (token: string, clientId: string, providerId: string, reason = 'Needs trauma therapy.') =>
    api.post(`/api/v1/clients/${clientId}/referrals`, { providerId, reason }, token);
  const end = (token: string, clientId: string, body: Record<string, unknown>) =>
    api.post(`/api/v1/clients/${clientId}/end`, body, token);
  const statusOf = async (token: string, clientId: string) =>
    (await api.get(`/api/v1/clients/${clientId}`, token)).body.status;

  it('PRACTICE_VETTED_REFERRAL: vetted 13 months ago is 422; re-vetted 201; the referral then 201; with a 24-month period the old vetting is current', async () => {
    const me = await signUpAndLogIn(api);
    const client = await createClient(api, me.token);
    const stale = await createProvider(api, me.token, { vettedOn: monthsAgo(13) });
    expect(stale.vettingCurrent).toBe(false);

    const refused = await refer(me.token, client.id, stale.id);
    expectClearError(refused, 422, 'ETHICS_PRACTICE_VETTED_REFERRAL');
    expect(await statusOf(me.token, client.id)).toBe('active');
    expect((await api.get(`/api/v1/clients/${client.id}/referrals`, me.token)).body.items).toEqual([]);

    const revetted = await api.post(
      `/api/v1/providers/${stale.id}/vettings`,
      { vettedOn: monthsAgo(0), notes: 'Called again; still practising.' },
      me.token,
    );
    expect(revetted.status).toBe(201);
    expect(revetted.body).toEqual({ id: expect.any(String), vettingDueOn: expect.any(String), vettingCurrent: true });
    const referred = await refer(me.token, client.id, stale.id);
    expect(referred.status).toBe(201);
    expect(referred.body).toEqual({ id: expect.any(String), status: 'referred' });

    const history = await api.get(`/api/v1/providers/${stale.id}`, me.token);
    expect(history.status).toBe(200);
    expect(history.body.vettings.map((v: any) => v.vettedOn)).toEqual([monthsAgo(13), monthsAgo(0)]);
    expect(history.body.vettings[1].notes).toBe('Called again; still practising.');

    // A second provider vetted 13 months ago is out of date at 12 months, current at 24.
    const old = await createProvider(api, me.token, { vettedOn: monthsAgo(13) });
    const other = await createClient(api, me.token);
    expectClearError(await refer(me.token, other.id, old.id), 422, 'ETHICS_PRACTICE_VETTED_REFERRAL');
    const patched = await api.request('PATCH', '/api/v1/me/settings', {
      body: { vettingPeriodMonths: 24 },
      token: me.token,
    });
    expect(patched.status).toBe(200);
    expect((await api.get('/api/v1/me/settings', me.token)).body).toEqual({ vettingPeriodMonths: 24 });
    const listed = await api.get('/api/v1/providers', me.token);
    expect(listed.body.items.find((p: any) => p.id === old.id)).toMatchObject({ vettingCurrent: true });
    expect((await refer(me.token, other.id, old.id)).status).toBe(201);
  });

  it('PRACTICE_VETTED_REFERRAL: another coach’s provider and a random id get the same 404, byte for byte', async () => {
    const client = await createClient(api, coach.token);
    const theirs = await createProvider(api, otherCoach.token);
    const foreign = await refer(coach.token, client.id, theirs.id);
    const unknown = await refer(coach.token, client.id, randomUUID());
    expectClearError(foreign, 404, 'NOT_FOUND');
    expect(foreign.text).toBe(unknown.text);

    const read = await api.get(`/api/v1/providers/${theirs.id}`, coach.token);
    const readUnknown = await api.get(`/api/v1/providers/${randomUUID()}`, coach.token);
    expectClearError(read, 404, 'NOT_FOUND');
    expect(read.text).toBe(readUnknown.text);
    const vet = await api.post(
      `/api/v1/providers/${theirs.id}/vettings`,
      { vettedOn: monthsAgo(0), notes: 'x' },
      coach.token,
    );
    expect(vet.status).toBe(404);
    expect(await statusOf(coach.token, client.id)).toBe('active');
  });

  it('PRACTICE_NO_ABANDON: ending without explanation, without referral, with an unvetted or archived provider is 422; with both it is 200, then sessions are refused and the client stays readable', async () => {
    const client = await createClient(api, coach.token);
    await recordSession(api, coach.token, client.id, { notes: 'Before the end.' });
    const vetted = await createProvider(api, coach.token);
    const stale = await createProvider(api, coach.token, { vettedOn: monthsAgo(13) });
    const archived = await createProvider(api, coach.token);
    const archiving = await api.post(`/api/v1/providers/${archived.id}/archive`, undefined, coach.token);
    expect(archiving.status).toBe(200);
    expect(archiving.body.archived).toBe(true);

    const explanation = 'We agreed to stop; I recommend trauma therapy with Dr. Morgan.';
    expectClearError(
      await end(coach.token, client.id, { referralProviderId: vetted.id }),
      422,
      'ETHICS_PRACTICE_NO_ABANDON',
    );
    expectClearError(await end(coach.token, client.id, { explanation }), 422, 'ETHICS_PRACTICE_NO_ABANDON');
    expectClearError(await end(coach.token, client.id, {}), 422, 'ETHICS_PRACTICE_NO_ABANDON');
    expectClearError(
      await end(coach.token, client.id, { explanation, referralProviderId: stale.id }),
      422,
      'ETHICS_PRACTICE_VETTED_REFERRAL',
    );
    expectClearError(
      await end(coach.token, client.id, { explanation, referralProviderId: archived.id }),
      422,
      'ETHICS_PRACTICE_VETTED_REFERRAL',
    );
    // Refusals leave no rows and the status as it was.
    expect(await statusOf(coach.token, client.id)).toBe('active');
    await withOwnerClient(async (db) => {
      for (const table of ['client_referrals', 'client_endings']) {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE client_id = $1`, [client.id]);
        expect(rows[0].n).toBe(0);
      }
    });

    const ended = await end(coach.token, client.id, { explanation, referralProviderId: vetted.id });
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ status: 'ended' });

    const session = await api.post(`/api/v1/clients/${client.id}/sessions`, sessionBody(), coach.token);
    expectClearError(session, 422, 'ETHICS_CONF_RECORDS');
    const read = await api.get(`/api/v1/clients/${client.id}`, coach.token);
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('ended');
    const exported = await api.get(`/api/v1/clients/${client.id}/export`, coach.token);
    expect(exported.status).toBe(200);
    expect(exported.body.ending).toMatchObject({
      explanation,
      reason: null,
      providerId: vetted.id,
      provider: { id: vetted.id, name: 'Dr. Alex Morgan', kind: 'therapist' },
    });
    expect(exported.body.referrals).toEqual([
      expect.objectContaining({ providerId: vetted.id, reason: explanation, madeByEnding: true }),
    ]);
    expect(exported.body.sessions).toHaveLength(1);

    // The state machine: an ended engagement does not end, pause or take a referral again.
    const again = await end(coach.token, client.id, { explanation, referralProviderId: vetted.id });
    expectClearError(again, 409, 'CLIENT_STATUS_CONFLICT');
    expect(again.body.message).toMatch(/status is "ended"/);
    expectClearError(await refer(coach.token, client.id, vetted.id), 409, 'CLIENT_STATUS_CONFLICT');
    expectClearError(
      await api.post(`/api/v1/clients/${client.id}/pause`, undefined, coach.token),
      409,
      'CLIENT_STATUS_CONFLICT',
    );
  });

  it('SCOPE_CRISIS: a transfer to therapy needs a vetted therapist or psychiatrist', async () => {
    const client = await createClient(api, coach.token);
    const group = await createProvider(api, coach.token, { kind: 'support_group', name: 'Tuesday Circle' });
    const psychiatrist = await createProvider(api, coach.token, { kind: 'psychiatrist', name: 'Dr. Lee' });
    const body = { explanation: 'In crisis; transferring to therapy.', reason: 'transfer_to_therapy' };
    expectClearError(
      await end(coach.token, client.id, { ...body, referralProviderId: group.id }),
      422,
      'ETHICS_SCOPE_CRISIS',
    );
    expect(await statusOf(coach.token, client.id)).toBe('active');
    const ended = await end(coach.token, client.id, { ...body, referralProviderId: psychiatrist.id });
    expect(ended.status).toBe(200);
    const exported = await api.get(`/api/v1/clients/${client.id}/export`, coach.token);
    expect(exported.body.ending).toMatchObject({ reason: 'transfer_to_therapy', providerId: psychiatrist.id });
  });

  it('SCOPE_RISK: a referral_required client is refused a session (422), then a referral makes it referred', async () => {
    const client = await createClient(api, coach.token, { screening: RISK_SCREENING });
    expect(client.status).toBe('referral_required');
    expectClearError(
      await api.post(`/api/v1/clients/${client.id}/sessions`, sessionBody(), coach.token),
      422,
      'ETHICS_SCOPE_RISK',
    );
    const provider = await createProvider(api, coach.token, { kind: 'crisis_line', name: 'Night Line' });
    const referred = await refer(coach.token, client.id, provider.id, 'Actively suicidal at intake.');
    expect(referred.status).toBe(201);
    expect(referred.body.status).toBe('referred');
    expect(await statusOf(coach.token, client.id)).toBe('referred');
    const listed = await api.get(`/api/v1/clients/${client.id}/referrals`, coach.token);
    expect(listed.body).toEqual({
      items: [
        {
          id: referred.body.id,
          providerId: provider.id,
          reason: 'Actively suicidal at intake.',
          madeByEnding: false,
          recordedAt: expect.any(String),
        },
      ],
      nextCursor: null,
    });
    expectClearError(
      await api.post(`/api/v1/clients/${client.id}/sessions`, sessionBody(), coach.token),
      422,
      'ETHICS_CONF_RECORDS',
    );
  });

  it('SCOPE_CRISIS: a paused engagement takes no session until resumed', async () => {
    const client = await createClient(api, coach.token);
    const paused = await api.post(`/api/v1/clients/${client.id}/pause`, undefined, coach.token);
    expect(paused.body).toEqual({ status: 'paused' });
    expectClearError(
      await api.post(`/api/v1/clients/${client.id}/sessions`, sessionBody(), coach.token),
      422,
      'ETHICS_SCOPE_CRISIS',
    );
    expectClearError(
      await api.post(`/api/v1/clients/${client.id}/pause`, undefined, coach.token),
      409,
      'CLIENT_STATUS_CONFLICT',
    );
    expect((await api.post(`/api/v1/clients/${client.id}/resume`, undefined, coach.token)).body).toEqual({
      status: 'active',
    });
    expect((await recordSession(api, coach.token, client.id)).status).toBe('held');
  });

  it('PRACTICE_NO_ABANDON: closing a practice with three active clients, two listed with explanation and referral, ends exactly those two and names the third', async () => {
    const me = await signUpAndLogIn(api);
    const [a, b, c] = [
      await createClient(api, me.token),
      await createClient(api, me.token),
      await createClient(api, me.token),
    ];
    const provider = await createProvider(api, me.token);
    const preview = await api.get('/api/v1/me/close-practice', me.token);
    expect(preview.status).toBe(200);
    expect(preview.body.stillOpen.map((x: any) => x.id).sort()).toEqual([a.id, b.id, c.id].sort());

    const closed = await api.post(
      '/api/v1/me/close-practice',
      {
        endings: [
          {
            clientId: a.id,
            explanation: 'Closing my practice; Dr. Morgan will continue.',
            referralProviderId: provider.id,
          },
          {
            clientId: b.id,
            explanation: 'Closing my practice; Dr. Morgan will continue.',
            referralProviderId: provider.id,
          },
        ],
      },
      me.token,
    );
    expect(closed.status).toBe(200);
    expect(closed.body).toEqual({ ended: [a.id, b.id], stillOpen: [c.id], refused: [] });
    expect(await statusOf(me.token, a.id)).toBe('ended');
    expect(await statusOf(me.token, b.id)).toBe('ended');
    expect(await statusOf(me.token, c.id)).toBe('active');
    // Told so, never blocked from reading them.
    expect((await api.get(`/api/v1/clients/${c.id}`, me.token)).status).toBe(200);
  });

  it('PRACTICE_NO_ABANDON: closing a practice is all or nothing per client: a refused ending leaves that client open and ends the others', async () => {
    const me = await signUpAndLogIn(api);
    const [a, b] = [await createClient(api, me.token), await createClient(api, me.token)];
    const provider = await createProvider(api, me.token);
    const closed = await api.post(
      '/api/v1/me/close-practice',
      {
        endings: [
          { clientId: a.id, referralProviderId: provider.id },
          { clientId: b.id, explanation: 'Closing.', referralProviderId: provider.id },
        ],
      },
      me.token,
    );
    expect(closed.status).toBe(200);
    expect(closed.body).toEqual({
      ended: [b.id],
      stillOpen: [a.id],
      refused: [{ clientId: a.id, statusCode: 422, code: 'ETHICS_PRACTICE_NO_ABANDON', message: expect.any(String) }],
    });
    await withOwnerClient(async (db) => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM client_referrals WHERE client_id = $1`, [a.id]);
      expect(rows[0].n).toBe(0);
    });
  });

  it('audits every referral route with ids only: success, refused and failure', async () => {
    const me = await signUpAndLogIn(api);
    const expectLast = async (action: string, subjectId: string, outcome = 'success') =>
      expect(await lastAuditEventOf(me.id)).toEqual({ action, subject_id: subjectId, outcome });
    const client = await createClient(api, me.token);
    const stale = await createProvider(api, me.token, { vettedOn: monthsAgo(13) });
    await expectLast('provider.create', stale.id);
    await api.get('/api/v1/providers', me.token);
    await expectLast('provider.list', me.id);
    await api.get(`/api/v1/providers/${stale.id}`, me.token);
    await expectLast('provider.read', stale.id);
    await api.get(`/api/v1/providers/${randomUUID()}`, me.token);
    expect((await lastAuditEventOf(me.id)).outcome).toBe('failure');
    await api.request('PATCH', '/api/v1/me/settings', { body: { vettingPeriodMonths: 12 }, token: me.token });
    await expectLast('coach.settings.update', me.id);
    await api.get('/api/v1/me/settings', me.token);
    await expectLast('coach.settings.read', me.id);
    await refer(me.token, client.id, stale.id);
    await expectLast('client.referral.create', client.id, 'refused');
    const vetting = await api.post(
      `/api/v1/providers/${stale.id}/vettings`,
      { vettedOn: monthsAgo(0), notes: 'Fine' },
      me.token,
    );
    await expectLast('provider.vetting.create', vetting.body.id);
    await api.post(`/api/v1/clients/${client.id}/pause`, undefined, me.token);
    await expectLast('client.pause', client.id);
    await api.post(`/api/v1/clients/${client.id}/resume`, undefined, me.token);
    await expectLast('client.resume', client.id);
    await end(me.token, client.id, { explanation: 'Explained.' });
    await expectLast('client.end', client.id, 'refused');
    const referral = await refer(me.token, client.id, stale.id);
    await expectLast('client.referral.create', referral.body.id);
    await api.get(`/api/v1/clients/${client.id}/referrals`, me.token);
    await expectLast('client.referral.list', client.id);
    await end(me.token, client.id, { explanation: 'Explained.', referralProviderId: stale.id });
    await expectLast('client.end', client.id, 'failure');
    await api.post(`/api/v1/providers/${stale.id}/archive`, undefined, me.token);
    await expectLast('provider.archive', stale.id);
    await api.get('/api/v1/me/close-practice', me.token);
    await expectLast('practice.close.preview', me.id);
    await api.post('/api/v1/me/close-practice', { endings: [] }, me.token);
    await expectLast('practice.close', me.id);
  });
});
