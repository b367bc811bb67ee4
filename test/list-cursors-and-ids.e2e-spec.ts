import { encodeCursor } from '#haven/platform';
import { withOwnerClient } from '#haven/testing';
import { createClient, type LoggedInCoach, recordSession, sessionBody, signUpAndLogIn } from './support/factories.js';
import { TestApi } from './support/test-api.js';

const decoded = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

describe('list cursors, limits and ids (found by the outside probe)', () => {
  let api: TestApi;
  let coachA: LoggedInCoach;
  let coachB: LoggedInCoach;

  beforeAll(async () => {
    api = await TestApi.start();
    [coachA, coachB] = [await signUpAndLogIn(api), await signUpAndLogIn(api)];
  });
  afterAll(() => api.close());

  it("refuses another coach's cursor with 400 naming cursor, and pages on with one's own", async () => {
    const clients = [];
    for (let i = 0; i < 3; i++) clients.push(await createClient(api, coachA.token));
    await createClient(api, coachB.token);
    const first = await api.get('/api/v1/clients?limit=2', coachA.token);
    expect(first.status).toBe(200);
    const cursor = first.body.nextCursor as string;

    const stolen = await api.get(`/api/v1/clients?cursor=${cursor}`, coachB.token);
    expect(stolen.status).toBe(400);
    expect(stolen.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('cursor'),
    });

    const next = await api.get(`/api/v1/clients?limit=2&cursor=${cursor}`, coachA.token);
    expect(next.status).toBe(200);
    expect(next.body.items.map((item: { id: string }) => item.id)).toEqual([clients[0]!.id]);
  });

  it('puts no platform-wide sequence number in a cursor', async () => {
    const client = await createClient(api, coachA.token);
    for (let i = 0; i < 2; i++) await recordSession(api, coachA.token, client.id);
    const page = await api.get(`/api/v1/clients/${client.id}/sessions?limit=1`, coachA.token);
    const lastId = page.body.items[0].id as string;
    const seq = await withOwnerClient(
      async (db) => (await db.query(`SELECT seq::text FROM session_records WHERE id = $1`, [lastId])).rows[0].seq,
    );
    const text = decoded(page.body.nextCursor);
    expect(text).toContain(lastId);
    expect(text).not.toMatch(new RegExp(`\\b${seq}\\b`));
    const next = await api.get(`/api/v1/clients/${client.id}/sessions?cursor=${page.body.nextCursor}`, coachA.token);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.items[0].id).not.toBe(lastId);
  });

  it('answers a versions cursor whose position does not fit the version column with 400 naming cursor, not 500', async () => {
    const client = await createClient(api, coachA.token);
    const session = await recordSession(api, coachA.token, client.id);
    const list = `versions:${session.id}\n${coachA.id}`;
    for (const position of ['2147483648', '999999999999999999']) {
      const answer = await api.get(
        `/api/v1/sessions/${session.id}/versions?cursor=${encodeCursor(position, list)}`,
        coachA.token,
      );
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain('cursor');
    }
    const inRange = await api.get(
      `/api/v1/sessions/${session.id}/versions?cursor=${encodeCursor('1', list)}`,
      coachA.token,
    );
    expect(inRange.status).toBe(200);
    expect(inRange.body.items).toEqual([]);
  });

  it.each(['0x10', '1e2', '%205', '1.5'])('refuses limit=%s with 400 naming limit', async (limit) => {
    const answer = await api.get(`/api/v1/clients?limit=${limit}`, coachA.token);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain('limit');
  });

  it('types limit as an integer in the OpenAPI document', async () => {
    const doc = (await api.get('/api/docs/openapi.json')).body;
    const limit = doc.paths['/api/v1/clients'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
  });

  it('treats a follow-up id written in upper case as the same follow-up', async () => {
    const client = await createClient(api, coachA.token);
    const rescheduled = await recordSession(api, coachA.token, client.id, { clientUnderInfluence: true });
    const followUpId = rescheduled.openFollowUps[0].id as string;
    const next = await recordSession(api, coachA.token, client.id, {
      addressesFollowUpIds: [followUpId.toUpperCase()],
    });
    expect(next.openFollowUps).toEqual([]);
  });

  it('refuses note: null on addressing a follow-up, like "" (400 naming note), and leaves it open', async () => {
    const client = await createClient(api, coachA.token);
    const unsafe = await recordSession(api, coachA.token, client.id, { clientRegulatedAtClose: false });
    const path = `/api/v1/clients/${client.id}/follow-ups/${unsafe.openFollowUps[0].id}/addressed`;
    for (const note of [null, '']) {
      const answer = await api.post(path, { note }, coachA.token);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain('note');
    }
    const addressed = await api.post(path, {}, coachA.token);
    expect(addressed.status).toBe(200);
    expect(addressed.body.note).toBeNull();
  });

  it.each(['feeType', 'addressesFollowUpIds'])(
    'refuses %s: null on a session (400 naming it) and stores no session',
    async (field) => {
      const client = await createClient(api, coachA.token);
      const answer = await api.post(
        `/api/v1/clients/${client.id}/sessions`,
        sessionBody({ [field]: null }),
        coachA.token,
      );
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain(field);
      const sessions = await api.get(`/api/v1/clients/${client.id}/sessions`, coachA.token);
      expect(sessions.body.items).toEqual([]);
    },
  );
});
