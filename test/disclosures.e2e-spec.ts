import { randomUUID } from 'node:crypto';
import { expectClearError } from './support/error-answers.js';
import { createClient, signUpAndLogIn, type LoggedInCoach } from './support/factories.js';
import { clientWithRelease as newClientWithRelease, expireToday, signRelease } from './support/releases.js';
import { startTestWorker, type TestWorker } from './support/mail.js';
import { TestApi } from './support/test-api.js';

describe('disclosures: only on a signed, current release, a court order or a mandatory report (CONF_DISCLOSURE)', () => {
  let api: TestApi;
  // Delivers the signing-link emails this suite reads from the outbox.
  let worker: TestWorker;
  let coach: LoggedInCoach;

  beforeAll(async () => {
    api = await TestApi.start();
    worker = await startTestWorker();
    coach = await signUpAndLogIn(api);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  /** A client with a release to "Dr Jane Doe"; signed unless told otherwise. */
  async function clientWithRelease({ sign = true } = {}) {
    const release = await newClientWithRelease(api, coach.token, { recipientName: 'Dr Jane Doe' });
    if (sign) await signRelease(api, release.linkToken);
    return release;
  }

  const disclose = (clientId: string, body: Record<string, unknown>) =>
    api.post(
      `/api/v1/clients/${clientId}/disclosures`,
      { recipientName: 'Dr Jane Doe', description: 'Session dates', ...body },
      coach.token,
    );

  const disclosuresOf = async (clientId: string) =>
    (await api.get(`/api/v1/clients/${clientId}/disclosures`, coach.token)).body.items;

  async function expectRefusedAndNothingStored(clientId: string, body: Record<string, unknown>) {
    const answer = await disclose(clientId, body);
    expectClearError(answer, 422, 'ETHICS_CONF_DISCLOSURE');
    expect(await disclosuresOf(clientId)).toEqual([]);
  }

  it('CONF_RELEASE allows a disclosure under a matching signed release (case and spacing aside), listed and exported', async () => {
    const { clientId, releaseId } = await clientWithRelease();
    const answer = await disclose(clientId, { releaseId, recipientName: '  dr   JANE doe ' });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ id: expect.any(String), basis: 'release', rule: 'CONF_RELEASE' });
    expect(await disclosuresOf(clientId)).toEqual([
      expect.objectContaining({
        id: answer.body.id,
        basis: 'release',
        releaseId,
        recipientName: 'dr   JANE doe',
        description: 'Session dates',
        disclosedAt: expect.any(String),
      }),
    ]);
    const exported = (await api.get(`/api/v1/clients/${clientId}/export`, coach.token)).body;
    expect(exported.disclosures).toEqual([expect.objectContaining({ id: answer.body.id })]);
  });

  it('CONF_DISCLOSURE refuses another recipient than the release names', async () => {
    const { clientId, releaseId } = await clientWithRelease();
    await expectRefusedAndNothingStored(clientId, { releaseId, recipientName: 'Dr John Doe' });
  });

  it('CONF_DISCLOSURE refuses a release the client revoked', async () => {
    const { clientId, releaseId, linkToken } = await clientWithRelease();
    expect((await api.post('/api/v1/public/releases/revoke', { token: linkToken })).status).toBe(200);
    await expectRefusedAndNothingStored(clientId, { releaseId });
  });

  it('CONF_DISCLOSURE refuses a release past its expiry date', async () => {
    const { clientId, releaseId } = await clientWithRelease();
    await expireToday([releaseId]);
    await expectRefusedAndNothingStored(clientId, { releaseId });
  });

  it('CONF_DISCLOSURE refuses a release the client has not signed', async () => {
    const { clientId, releaseId } = await clientWithRelease({ sign: false });
    await expectRefusedAndNothingStored(clientId, { releaseId });
  });

  it("CONF_DISCLOSURE refuses another client's signed release, and an unknown one, alike", async () => {
    const other = await clientWithRelease();
    const { clientId } = await clientWithRelease({ sign: false });
    const foreign = await disclose(clientId, { releaseId: other.releaseId });
    const unknown = await disclose(clientId, { releaseId: randomUUID() });
    expectClearError(foreign, 422, 'ETHICS_CONF_DISCLOSURE');
    expect(foreign.body).toEqual(unknown.body);
    expect(await disclosuresOf(clientId)).toEqual([]);
  });

  it('CONF_DISCLOSURE refuses a disclosure with no basis at all', async () => {
    const client = await createClient(api, coach.token);
    await expectRefusedAndNothingStored(client.id, {});
  });

  it('CONF_DISCLOSURE allows a disclosure under a court order with its reference', async () => {
    const client = await createClient(api, coach.token);
    const answer = await disclose(client.id, { recipientName: 'County Court', courtOrderReference: 'CV-2026-0042' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ basis: 'court_order', rule: 'CONF_DISCLOSURE' });
    expect(await disclosuresOf(client.id)).toEqual([
      expect.objectContaining({ basis: 'court_order', courtOrderReference: 'CV-2026-0042', releaseId: null }),
    ]);
  });

  it('CONF_MANDATORY_REPORT allows a complete report of current or ongoing abuse of a minor or elder', async () => {
    const client = await createClient(api, coach.token);
    for (const [victim, abuse] of [
      ['minor', 'current'],
      ['elder', 'ongoing'],
    ]) {
      const answer = await disclose(client.id, {
        recipientName: 'Adult Protective Services',
        mandatoryReport: { agency: 'Adult Protective Services', reference: 'APS-77', victim, abuse },
      });
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ basis: 'mandatory_report', rule: 'CONF_MANDATORY_REPORT' });
    }
    expect(await disclosuresOf(client.id)).toHaveLength(2);
  });

  it.each([
    ['another adult', { victim: 'other_adult', abuse: 'current' }],
    ['past abuse', { victim: 'minor', abuse: 'past' }],
  ])('CONF_MANDATORY_REPORT: a report about %s is no mandatory report (422)', async (_what, report) => {
    const client = await createClient(api, coach.token);
    await expectRefusedAndNothingStored(client.id, {
      mandatoryReport: { agency: 'APS', reference: 'APS-77', ...report },
    });
  });

  it('CONF_MANDATORY_REPORT: an incomplete report is 400 naming the missing field', async () => {
    const client = await createClient(api, coach.token);
    const answer = await disclose(client.id, { mandatoryReport: { agency: 'APS', victim: 'minor', abuse: 'current' } });
    expectClearError(answer, 400);
    expect(answer.body.message).toContain('reference');
  });

  it('CONF_DISCLOSURE: two bases at once, or an unknown field, is 400', async () => {
    const client = await createClient(api, coach.token);
    const both = await disclose(client.id, { releaseId: randomUUID(), courtOrderReference: 'CV-1' });
    expectClearError(both, 400);
    expect(both.body.message).toContain('only one of');
    expectClearError(await disclose(client.id, { courtOrderReference: 'CV-1', urgent: true }), 400);
    expect(await disclosuresOf(client.id)).toEqual([]);
  });

  it('CONF_DISCLOSURE: deleting the client crypto-shreds its disclosures', async () => {
    const client = await createClient(api, coach.token);
    expect((await disclose(client.id, { courtOrderReference: 'CV-2' })).status).toBe(201);
    expect((await api.request('DELETE', `/api/v1/clients/${client.id}`, { token: coach.token })).status).toBe(204);
    expectClearError(await api.get(`/api/v1/clients/${client.id}/disclosures`, coach.token), 404);
  });
});
