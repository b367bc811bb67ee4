import type pg from 'pg';
import { withAppClient, withOwnerClient } from '#haven/testing';
import { lastAuditEventOf, tamperAsOwner } from './support/database.js';
import {
  createClient,
  intakeBody,
  type LoggedInCoach,
  recordSession,
  sessionBody,
  signUpAndLogIn,
} from './support/factories.js';
import { TestApi } from './support/test-api.js';

/** Runs SQL as the API's own database role, with the row-level-security identity of `coachId`. */
async function asAppRole<T>(coachId: string, work: (db: pg.Client) => Promise<T>): Promise<T> {
  return withAppClient(async (db) => {
    await db.query(`SELECT set_config('app.current_coach', $1, false)`, [coachId]);
    return work(db);
  });
}

describe('session records over HTTP', () => {
  let api: TestApi;
  let coach: LoggedInCoach;

  beforeAll(async () => {
    api = await TestApi.start();
    coach = await signUpAndLogIn(api);
  });
  afterAll(() => api.close());

  it('records a held session (201, version 1) and reads it back decrypted', async () => {
    const client = await createClient(api, coach.token);
    const created = await api.post(
      `/api/v1/clients/${client.id}/sessions`,
      sessionBody({ feeType: 'sliding_scale' }),
      coach.token,
    );
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), status: 'held', version: 1, openFollowUps: [] });

    const read = await api.get(`/api/v1/sessions/${created.body.id}`, coach.token);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      id: created.body.id,
      clientId: client.id,
      occurredAt: '2026-01-15T10:00:00.000Z',
      durationMinutes: 50,
      notes: 'Worked on grounding; client named two strengths.',
      status: 'held',
      feeType: 'sliding_scale',
      clientUnderInfluence: false,
      clientRegulatedAtClose: true,
      version: 1,
      recordedAt: expect.any(String),
      versionRecordedAt: expect.any(String),
    });

    const stored = await withOwnerClient(async (db) =>
      JSON.stringify([
        (await db.query(`SELECT * FROM session_records WHERE id = $1`, [created.body.id])).rows,
        (await db.query(`SELECT * FROM session_record_versions WHERE session_id = $1`, [created.body.id])).rows,
      ]),
    );
    for (const plaintext of ['grounding', '2026-01-15', 'sliding_scale', '"held"', 'durationMinutes'])
      expect(stored).not.toContain(plaintext);
  });

  it('normalises occurredAt with an offset to UTC and refuses one in the future or without a zone', async () => {
    const client = await createClient(api, coach.token);
    const session = await recordSession(api, coach.token, client.id, { occurredAt: '2026-01-15T12:30:00+02:00' });
    expect((await api.get(`/api/v1/sessions/${session.id}`, coach.token)).body.occurredAt).toBe(
      '2026-01-15T10:30:00.000Z',
    );
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    for (const occurredAt of [inAnHour, '2026-01-15', '2026-01-15T10:00:00', 'yesterday']) {
      const answer = await api.post(`/api/v1/clients/${client.id}/sessions`, sessionBody({ occurredAt }), coach.token);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain('occurredAt');
    }
  });

  it('SCOPE_RISK refuses a session for a referral_required client with 422 ETHICS_SCOPE_RISK and stores nothing', async () => {
    const screening = {
      activelySuicidal: true,
      activeAddiction: false,
      activeSelfHarm: false,
      outsideCompetence: false,
    };
    const client = await createClient(api, coach.token, { screening });
    const answer = await api.post(`/api/v1/clients/${client.id}/sessions`, sessionBody(), coach.token);
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      statusCode: 422,
      code: 'ETHICS_SCOPE_RISK',
      message: expect.stringMatching(/referral/),
    });
    await withOwnerClient(async (db) => {
      expect(
        (await db.query(`SELECT count(*)::int AS n FROM session_records WHERE client_id = $1`, [client.id])).rows[0].n,
      ).toBe(0);
    });
    expect(await lastAuditEventOf(coach.id)).toEqual({
      action: 'session.create',
      subject_id: client.id,
      outcome: 'refused',
    });
  });

  it('CONF_RECORDS refuses a new session once the engagement is closed, but amendments stay possible', async () => {
    const client = await createClient(api, coach.token);
    const session = await recordSession(api, coach.token, client.id);
    // A referral (a later feature) closes the engagement; until it exists, set the status as it will.
    await withOwnerClient((db) => db.query(`UPDATE clients SET status = 'referred' WHERE id = $1`, [client.id]));
    const refused = await api.post(`/api/v1/clients/${client.id}/sessions`, sessionBody(), coach.token);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('ETHICS_CONF_RECORDS');
    const amended = await api.post(
      `/api/v1/sessions/${session.id}/amendments`,
      { notes: 'Corrected', reason: 'Late correction' },
      coach.token,
    );
    expect(amended.status).toBe(201);
  });

  it('SCOPE_INFLUENCE stores the session as rescheduled; its follow-up stays open until the next session marks it addressed', async () => {
    const client = await createClient(api, coach.token);
    const rescheduled = await recordSession(api, coach.token, client.id, {
      clientUnderInfluence: true,
      notes: 'Smelled of alcohol; rescheduled.',
    });
    expect(rescheduled.status).toBe('rescheduled');
    expect(rescheduled.openFollowUps).toEqual([
      {
        id: expect.any(String),
        kind: 'influence',
        rule: 'SCOPE_INFLUENCE',
        openedBySessionId: rescheduled.id,
        openedAt: expect.any(String),
        addressedAt: null,
        addressedBySessionId: null,
        note: null,
      },
    ]);
    const followUpId = rescheduled.openFollowUps[0].id;

    // A session that does not address it carries it on.
    const next = await recordSession(api, coach.token, client.id);
    expect(next.openFollowUps.map((f) => f.id)).toEqual([followUpId]);
    expect(
      (await api.get(`/api/v1/clients/${client.id}`, coach.token)).body.openFollowUps.map((f: any) => f.id),
    ).toEqual([followUpId]);

    const addressing = await recordSession(api, coach.token, client.id, {
      addressesFollowUpIds: [followUpId],
      notes: 'We talked about last time.',
    });
    expect(addressing.status).toBe('held');
    expect(addressing.openFollowUps).toEqual([]);
    expect((await api.get(`/api/v1/clients/${client.id}`, coach.token)).body.openFollowUps).toEqual([]);
    const exported = await api.get(`/api/v1/clients/${client.id}/export`, coach.token);
    expect(exported.body.followUps).toEqual([
      expect.objectContaining({ id: followUpId, addressedBySessionId: addressing.id, addressedAt: expect.any(String) }),
    ]);
  });

  it('SCOPE_INFLUENCE: a follow-up already addressed cannot be addressed again by a session (409) and no session is stored', async () => {
    const client = await createClient(api, coach.token);
    const rescheduled = await recordSession(api, coach.token, client.id, { clientUnderInfluence: true });
    const followUpId = rescheduled.openFollowUps[0].id;
    await recordSession(api, coach.token, client.id, { addressesFollowUpIds: [followUpId] });
    const again = await api.post(
      `/api/v1/clients/${client.id}/sessions`,
      sessionBody({ addressesFollowUpIds: [followUpId] }),
      coach.token,
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('FOLLOW_UP_NOT_OPEN');
    expect(again.body.message).toContain(followUpId);
    const sessions = await api.get(`/api/v1/clients/${client.id}/sessions`, coach.token);
    expect(sessions.body.items).toHaveLength(2);
  });

  it('PRACTICE_SAFE_CLOSE opens a safety follow-up when the client was not regulated at close; the coach marks it addressed once', async () => {
    const client = await createClient(api, coach.token);
    const session = await recordSession(api, coach.token, client.id, { clientRegulatedAtClose: false });
    expect(session.status).toBe('held');
    expect(session.openFollowUps).toEqual([
      expect.objectContaining({ kind: 'safety', rule: 'PRACTICE_SAFE_CLOSE', openedBySessionId: session.id }),
    ]);
    const followUpId = session.openFollowUps[0].id;

    const path = `/api/v1/clients/${client.id}/follow-ups/${followUpId}/addressed`;
    const addressed = await api.post(path, { note: 'Called the next morning; client felt settled.' }, coach.token);
    expect(addressed.status).toBe(200);
    expect(addressed.body).toEqual(
      expect.objectContaining({
        id: followUpId,
        kind: 'safety',
        addressedAt: expect.any(String),
        addressedBySessionId: null,
        note: 'Called the next morning; client felt settled.',
      }),
    );
    expect((await api.get(`/api/v1/clients/${client.id}`, coach.token)).body.openFollowUps).toEqual([]);
    const again = await api.post(path, {}, coach.token);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('FOLLOW_UP_NOT_OPEN');

    const otherClient = await createClient(api, coach.token);
    expect(
      (await api.post(`/api/v1/clients/${otherClient.id}/follow-ups/${followUpId}/addressed`, {}, coach.token)).status,
    ).toBe(404);
  });

  it('SCOPE_INFLUENCE and PRACTICE_SAFE_CLOSE together open both follow-ups, influence first', async () => {
    const client = await createClient(api, coach.token);
    const session = await recordSession(api, coach.token, client.id, {
      clientUnderInfluence: true,
      clientRegulatedAtClose: false,
    });
    expect(session.status).toBe('rescheduled');
    expect(session.openFollowUps.map((f) => f.kind)).toEqual(['influence', 'safety']);
  });

  it('CONF_RECORDS: an amendment with a reason makes a new version; every version stays readable with its time and reason', async () => {
    const client = await createClient(api, coach.token);
    const session = await recordSession(api, coach.token, client.id, { notes: 'Version one' });
    const second = await api.post(
      `/api/v1/sessions/${session.id}/amendments`,
      { notes: 'Version two', reason: 'Added the homework we agreed' },
      coach.token,
    );
    expect(second.status).toBe(201);
    expect(second.body).toEqual({ version: 2, recordedAt: expect.any(String) });
    const third = await api.post(
      `/api/v1/sessions/${session.id}/amendments`,
      { notes: 'Version three', reason: 'Corrected a date' },
      coach.token,
    );
    expect(third.body.version).toBe(3);

    const current = await api.get(`/api/v1/sessions/${session.id}`, coach.token);
    expect(current.body).toEqual(expect.objectContaining({ notes: 'Version three', version: 3 }));

    const versions = await api.get(`/api/v1/sessions/${session.id}/versions`, coach.token);
    expect(versions.status).toBe(200);
    expect(versions.body).toEqual({
      items: [
        { version: 1, notes: 'Version one', reason: null, recordedAt: expect.any(String) },
        {
          version: 2,
          notes: 'Version two',
          reason: 'Added the homework we agreed',
          recordedAt: second.body.recordedAt,
        },
        { version: 3, notes: 'Version three', reason: 'Corrected a date', recordedAt: third.body.recordedAt },
      ],
      nextCursor: null,
    });
    const firstPage = await api.get(`/api/v1/sessions/${session.id}/versions?limit=2`, coach.token);
    expect(firstPage.body.items.map((v: any) => v.version)).toEqual([1, 2]);
    const secondPage = await api.get(
      `/api/v1/sessions/${session.id}/versions?limit=2&cursor=${firstPage.body.nextCursor}`,
      coach.token,
    );
    expect(secondPage.body).toEqual({ items: [expect.objectContaining({ version: 3 })], nextCursor: null });

    const listed = await api.get(`/api/v1/clients/${client.id}/sessions`, coach.token);
    expect(listed.body.items[0]).toEqual(expect.objectContaining({ id: session.id, version: 3 }));
  });

  it('CONF_RECORDS: concurrent amendments each get their own consecutive version', async () => {
    const client = await createClient(api, coach.token);
    const session = await recordSession(api, coach.token, client.id);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api.post(`/api/v1/sessions/${session.id}/amendments`, { notes: `n${i}`, reason: `r${i}` }, coach.token),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
    expect(answers.map((a) => a.body.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 2),
    );
  });

  it('CONF_RECORDS: no route updates or deletes a record, and the database refuses both to the app and the owner', async () => {
    const client = await createClient(api, coach.token);
    const session = await recordSession(api, coach.token, client.id);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const answer = await api.request(method, `/api/v1/sessions/${session.id}`, {
        body: method === 'DELETE' ? undefined : { notes: 'x' },
        token: coach.token,
      });
      expect([404, 405]).toContain(answer.status);
    }
    await asAppRole(coach.id, async (db) => {
      await expect(
        db.query(`UPDATE session_record_versions SET notes_enc = 'x' WHERE session_id = $1`, [session.id]),
      ).rejects.toThrow(/permission denied/);
      await expect(db.query(`DELETE FROM session_record_versions WHERE session_id = $1`, [session.id])).rejects.toThrow(
        /permission denied/,
      );
      await expect(db.query(`DELETE FROM session_records WHERE id = $1`, [session.id])).rejects.toThrow(
        /permission denied/,
      );
    });
    await withOwnerClient(async (db) => {
      await expect(
        db.query(`UPDATE session_record_versions SET notes_enc = 'x' WHERE session_id = $1`, [session.id]),
      ).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM session_records WHERE id = $1`, [session.id])).rejects.toThrow(/append-only/);
    });
    expect((await api.get(`/api/v1/sessions/${session.id}`, coach.token)).status).toBe(200);
  });

  it('CONF_COACH_ONLY: a ciphertext copied from one record into another fails with 422 RECORD_UNREADABLE naming the record, never a 500', async () => {
    const client = await createClient(api, coach.token);
    const source = await recordSession(api, coach.token, client.id, { notes: 'Source notes' });
    const target = await recordSession(api, coach.token, client.id, { notes: 'Target notes' });
    await tamperAsOwner(
      `UPDATE session_record_versions SET notes_enc = (SELECT notes_enc FROM session_record_versions WHERE session_id = $1 AND version = 1)
        WHERE session_id = $2 AND version = 1`,
      [source.id, target.id],
    );
    const answer = await api.get(`/api/v1/sessions/${target.id}`, coach.token);
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      statusCode: 422,
      code: 'RECORD_UNREADABLE',
      message: expect.stringContaining(target.id),
    });
    expect(answer.text).not.toContain('Source notes');
    expect(answer.body.message).not.toMatch(/v1\.ck1\./);
    expect((await api.get(`/api/v1/sessions/${target.id}/versions`, coach.token)).status).toBe(422);
    expect((await api.get(`/api/v1/clients/${client.id}/export`, coach.token)).body.code).toBe('RECORD_UNREADABLE');
    // The source is untouched and still reads; the failure is in the audit trail.
    expect((await api.get(`/api/v1/sessions/${source.id}`, coach.token)).body.notes).toBe('Source notes');
    const failure = await withOwnerClient(
      async (db) =>
        (
          await db.query(
            `SELECT outcome FROM audit_events WHERE subject_id = $1 AND action = 'session.read' ORDER BY seq LIMIT 1`,
            [target.id],
          )
        ).rows[0],
    );
    expect(failure).toEqual({ outcome: 'failure' });
  });

  it('CONF_COACH_ONLY: a session moved to another client of the same coach, or its facts swapped, cannot be read either', async () => {
    const coach = await signUpAndLogIn(api);
    const first = await createClient(api, coach.token);
    const second = await createClient(api, coach.token);
    const moved = await recordSession(api, coach.token, first.id);
    const swapped = await recordSession(api, coach.token, second.id);
    const other = await recordSession(api, coach.token, second.id, { occurredAt: '2024-05-05T10:00:00Z' });
    await tamperAsOwner(`UPDATE session_records SET client_id = $1 WHERE id = $2`, [second.id, moved.id]);
    await tamperAsOwner(
      `UPDATE session_records SET facts_enc = (SELECT facts_enc FROM session_records WHERE id = $1) WHERE id = $2`,
      [other.id, swapped.id],
    );
    for (const id of [moved.id, swapped.id]) {
      const answer = await api.get(`/api/v1/sessions/${id}`, coach.token);
      expect(answer.status).toBe(422);
      expect(answer.body.code).toBe('RECORD_UNREADABLE');
    }
    // A report across sessions still answers, and says what it could not read.
    const report = await api.get('/api/v1/me/give-back', coach.token);
    expect(report.body).toEqual({
      years: [{ year: 2024, held: 1, slidingScale: 0, proBono: 0, share: 0 }],
      unreadableSessions: 2,
    });
  });

  it('lists a client’s sessions newest recorded first, paged', async () => {
    const client = await createClient(api, coach.token);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await recordSession(api, coach.token, client.id, { durationMinutes: 30 + i })).id);
    const first = await api.get(`/api/v1/clients/${client.id}/sessions?limit=2`, coach.token);
    expect(first.status).toBe(200);
    expect(first.body.items.map((s: any) => s.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.items[0]).toEqual({
      id: ids[2],
      clientId: client.id,
      occurredAt: '2026-01-15T10:00:00.000Z',
      durationMinutes: 32,
      status: 'held',
      feeType: 'standard',
      version: 1,
      recordedAt: expect.any(String),
    });
    const second = await api.get(
      `/api/v1/clients/${client.id}/sessions?limit=2&cursor=${first.body.nextCursor}`,
      coach.token,
    );
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
  });

  it('PRACTICE_GIVE_BACK reports the sliding-scale and pro-bono share of held sessions per year', async () => {
    const giver = await signUpAndLogIn(api);
    const client = await createClient(api, giver.token);
    const other = await createClient(api, giver.token);
    await recordSession(api, giver.token, client.id, { occurredAt: '2025-03-01T10:00:00Z' });
    await recordSession(api, giver.token, client.id, { occurredAt: '2025-06-01T10:00:00Z', feeType: 'sliding_scale' });
    await recordSession(api, giver.token, other.id, { occurredAt: '2025-07-01T10:00:00Z', feeType: 'sliding_scale' });
    await recordSession(api, giver.token, client.id, {
      occurredAt: '2025-08-01T10:00:00Z',
      feeType: 'pro_bono',
      clientUnderInfluence: true,
    });
    await recordSession(api, giver.token, other.id, { occurredAt: '2026-01-02T10:00:00Z', feeType: 'pro_bono' });

    const report = await api.get('/api/v1/me/give-back', giver.token);
    expect(report.status).toBe(200);
    expect(report.body).toEqual({
      years: [
        { year: 2025, held: 3, slidingScale: 2, proBono: 0, share: 2 / 3 },
        { year: 2026, held: 1, slidingScale: 0, proBono: 1, share: 1 },
      ],
      unreadableSessions: 0,
    });
    // Another coach sees only their own report.
    const stranger = await signUpAndLogIn(api);
    expect((await api.get('/api/v1/me/give-back', stranger.token)).body).toEqual({ years: [], unreadableSessions: 0 });
    // A deleted client's sessions are shredded with it and no longer count.
    expect((await api.request('DELETE', `/api/v1/clients/${other.id}`, { token: giver.token })).status).toBe(204);
    expect((await api.get('/api/v1/me/give-back', giver.token)).body.years).toEqual([
      { year: 2025, held: 2, slidingScale: 1, proBono: 0, share: 0.5 },
    ]);
  });

  it('SCOPE_NO_DIAGNOSIS: intake and session records have no diagnosis or medication field', async () => {
    const intake = await api.post('/api/v1/clients', intakeBody({ diagnosis: 'PTSD' }), coach.token);
    expect(intake.status).toBe(400);
    expect(intake.body.message).toContain('diagnosis');
    const client = await createClient(api, coach.token);
    const session = await api.post(
      `/api/v1/clients/${client.id}/sessions`,
      sessionBody({ medication: 'sertraline' }),
      coach.token,
    );
    expect(session.status).toBe(400);
    expect(session.body.message).toContain('medication');
  });
});
