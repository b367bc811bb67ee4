import { withOwnerClient } from '#haven/testing';
import {
  type TestBody,
  certifiedCoach,
  createBody,
  createCertifier,
  recordEthicsReview,
  type TestCertifier,
} from './support/certification.js';
import { createClient, intakeBody, recordSession, signUpAndLogIn } from './support/factories.js';
import { TestApi } from './support/test-api.js';

const today = new Date().toISOString().slice(0, 10);

function shiftYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}

describe('certification over HTTP (CERT_RENEWAL, CERT_ETHICS_REVIEW, CERT_AUDIT)', () => {
  let api: TestApi;
  let bodyA: TestBody;
  let certifierA: TestCertifier;
  let certifierB: TestCertifier;

  beforeAll(async () => {
    api = await TestApi.start();
    bodyA = await createBody(api);
    certifierA = await createCertifier(api, bodyA);
    certifierB = await createCertifier(api, await createBody(api, bodyA.adminToken));
  });
  afterAll(() => api.close());

  it('CERT_RENEWAL: certifying a coach starts a cycle that expires after the body’s 24 months', async () => {
    const coach = await certifiedCoach(api, certifierA, '2025-06-01');
    expect(coach.expiresOn).toBe('2027-06-01');
    const mine = await api.get('/api/v1/me/certification', coach.token);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      status: 'active',
      expiresOn: '2027-06-01',
      ethicsReviewCompletedOn: null,
      reminders: [],
    });
  });

  it('CERT_ETHICS_REVIEW: renewal without an ethics review in the cycle is 422 and changes nothing; with one, the next cycle starts at the previous expiry', async () => {
    const coach = await certifiedCoach(api, certifierA, '2025-06-01');
    const refused = await api.post(`/api/v1/body/certifications/${coach.id}/renew`, undefined, certifierA.token);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('ETHICS_CERT_ETHICS_REVIEW');
    expect((await api.get(`/api/v1/body/certifications/${coach.id}`, certifierA.token)).body.cycles).toHaveLength(1);

    await recordEthicsReview(api, coach.token, today);
    const renewed = await api.post(`/api/v1/body/certifications/${coach.id}/renew`, undefined, certifierA.token);
    expect(renewed.status).toBe(200);
    expect(renewed.body).toEqual({ expiresOn: '2029-06-01' });
    const detail = await api.get(`/api/v1/body/certifications/${coach.id}`, certifierA.token);
    expect(detail.body.cycles.map((cycle: any) => [cycle.issuedOn, cycle.expiresOn])).toEqual([
      ['2025-06-01', '2027-06-01'],
      ['2027-06-01', '2029-06-01'],
    ]);
  });

  it('CERT_RENEWAL: a cycle issued on 29 February expires on 28 February, and renews from there to 28 February', async () => {
    const coach = await certifiedCoach(api, certifierA, '2024-02-29');
    expect(coach.expiresOn).toBe('2026-02-28');
    await recordEthicsReview(api, coach.token, today);
    const renewed = await api.post(`/api/v1/body/certifications/${coach.id}/renew`, undefined, certifierA.token);
    expect(renewed.body).toEqual({ expiresOn: '2028-02-28' });
  });

  it('CERT_AUDIT: a certifier of another body gets 404 for the coach, the same bytes as an unknown id, and never lists them', async () => {
    const coach = await certifiedCoach(api, certifierA, '2025-06-01');
    const foreign = await api.get(`/api/v1/body/certifications/${coach.id}`, certifierB.token);
    const unknown = await api.get(`/api/v1/body/certifications/00000000-0000-4000-8000-000000000000`, certifierB.token);
    expect(foreign.status).toBe(404);
    expect(foreign.text).toBe(unknown.text);
    const suspended = await api.post(
      `/api/v1/body/certifications/${coach.id}/suspend`,
      { reason: 'x' },
      certifierB.token,
    );
    expect(suspended.status).toBe(404);
    const list = await api.get('/api/v1/body/certifications?limit=100', certifierB.token);
    expect(list.body.items.map((item: any) => item.coachId)).not.toContain(coach.id);
    expect((await api.get(`/api/v1/me/certification`, coach.token)).body.status).toBe('active');
  });

  it('CERT_AUDIT: the CSV has a header row, one row per coach of the body, nothing of another body, and neutralises a formula display name', async () => {
    const body = await createBody(api, bodyA.adminToken);
    const certifier = await createCertifier(api, body);
    const other = await createCertifier(api, await createBody(api, bodyA.adminToken));
    const hostile = await certifiedCoach(api, certifier, '2025-01-10', {
      displayName: '=HYPERLINK("http://evil.example","x")',
    });
    const plain = await certifiedCoach(api, certifier, '2025-02-10', { displayName: 'Robin, Coach' });
    const stranger = await certifiedCoach(api, other, '2025-03-10');

    const answer = await api.get('/api/v1/body/certifications.csv', certifier.token);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = answer.text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'coachId,displayName,credentialNumber,status,expiresOn,ethicsReviewCompletedOn,remindersSent',
    );
    expect(lines.slice(1, -1)).toHaveLength(2);
    expect(answer.text).toContain(`${hostile.id},"'=HYPERLINK(""http://evil.example"",""x"")",`);
    expect(answer.text).toContain(`${plain.id},"Robin, Coach",`);
    expect(answer.text).not.toContain(stranger.id);
  });

  it('CERT_AUDIT: lists the body’s coaches by status', async () => {
    const body = await createBody(api, bodyA.adminToken);
    const certifier = await createCertifier(api, body);
    const active = await certifiedCoach(api, certifier, today);
    const lapsed = await certifiedCoach(api, certifier, '2020-01-01');
    const all = await api.get('/api/v1/body/certifications', certifier.token);
    expect(all.body.items.map((item: any) => [item.coachId, item.status]).sort()).toEqual(
      [
        [active.id, 'active'],
        [lapsed.id, 'lapsed'],
      ].sort(),
    );
    const onlyLapsed = await api.get('/api/v1/body/certifications?status=lapsed', certifier.token);
    expect(onlyLapsed.body).toEqual({
      items: [expect.objectContaining({ coachId: lapsed.id, status: 'lapsed' })],
      nextCursor: null,
    });
    expect((await api.get('/api/v1/body/certifications?status=gone', certifier.token)).status).toBe(400);
  });

  it('CERT_AUDIT: a suspended coach gets 422 on intake and stores nothing, keeps reading existing clients, and takes clients again once reinstated', async () => {
    const coach = await certifiedCoach(api, certifierA, today);
    const client = await createClient(api, coach.token);
    await recordSession(api, coach.token, client.id);
    const suspended = await api.post(
      `/api/v1/body/certifications/${coach.id}/suspend`,
      { reason: 'Complaint under review' },
      certifierA.token,
    );
    expect(suspended.body).toEqual({ coachId: coach.id, status: 'suspended' });

    const countClients = () =>
      withOwnerClient(
        async (db) =>
          (await db.query(`SELECT count(*)::int AS n FROM clients WHERE coach_id = $1`, [coach.id])).rows[0].n,
      );
    const refused = await api.post('/api/v1/clients', intakeBody(), coach.token);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('ETHICS_CERT_AUDIT');
    expect(await countClients()).toBe(1);
    expect((await api.get(`/api/v1/clients/${client.id}`, coach.token)).status).toBe(200);
    expect((await api.get(`/api/v1/clients/${client.id}/sessions`, coach.token)).status).toBe(200);
    expect((await api.get(`/api/v1/clients/${client.id}/export`, coach.token)).status).toBe(200);

    await api.post(`/api/v1/body/certifications/${coach.id}/reinstate`, { reason: 'Cleared' }, certifierA.token);
    expect((await api.post('/api/v1/clients', intakeBody(), coach.token)).status).toBe(201);
    const detail = await api.get(`/api/v1/body/certifications/${coach.id}`, certifierA.token);
    expect(detail.body.reviewCases.map((entry: any) => entry.action)).toEqual(['suspend', 'reinstate']);
  });

  it('CERT_AUDIT: a coach with no certification takes clients', async () => {
    const coach = await signUpAndLogIn(api);
    expect((await api.post('/api/v1/clients', intakeBody(), coach.token)).status).toBe(201);
    expect((await api.get('/api/v1/me/certification', coach.token)).status).toBe(404);
  });

  it('CERT_AUDIT: an audit sample draws from the body’s coaches expiring in the window, shows in the coach’s certification until answered', async () => {
    const body = await createBody(api, bodyA.adminToken);
    const certifier = await createCertifier(api, body);
    const due = await certifiedCoach(api, certifier, shiftYears(today, -2).replace(/-29$/, '-28'));
    await certifiedCoach(api, certifier, today);
    const draw = await api.post(
      '/api/v1/body/audit-samples',
      { percent: 100, expiringWithinDays: 30, evidenceDueOn: shiftYears(today, 1) },
      certifier.token,
    );
    expect(draw.status).toBe(201);
    expect(draw.body.coachIds).toEqual([due.id]);
    const mine = await api.get('/api/v1/me/certification', due.token);
    expect(mine.body.auditRequests).toEqual([expect.objectContaining({ sampleId: draw.body.id, answeredAt: null })]);
    const answered = await api.post(
      `/api/v1/body/audit-samples/${draw.body.id}/answered`,
      { coachId: due.id },
      certifier.token,
    );
    expect(answered.status).toBe(200);
    expect((await api.get('/api/v1/me/certification', due.token)).body.auditRequests).toEqual([]);
  });
});
