import { randomBytes } from 'node:crypto';
import { ClientCipher } from '#haven/clients';
import { DecryptionError, decryptText } from '#haven/crypto';
import { withOwnerClient } from '#haven/testing';
import { lastAuditEventOf } from './support/database.js';
import { createClient, intakeBody, type LoggedInCoach, recordSession, signUpAndLogIn } from './support/factories.js';
import { TestApi } from './support/test-api.js';
import { vaultKeyOf } from './support/tokens.js';

const todayUtc = () => new Date().toISOString().slice(0, 10);

/** The date of birth of someone whose 18th birthday is today, shifted by `days` (on 29 February: born 28 February). */
function eighteenYearsAgo(days = 0): string {
  const [year, month, day] = todayUtc().split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year - 18, month - 1, day));
  if (date.getUTCMonth() !== month - 1) date.setUTCDate(0); // 29 February in a non-leap year
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe('clients over HTTP', () => {
  let api: TestApi;
  let coach: LoggedInCoach;

  beforeAll(async () => {
    api = await TestApi.start();
    coach = await signUpAndLogIn(api);
  });
  afterAll(() => api.close());

  describe('intake', () => {
    it('takes an adult client in as active and answers { id, status }', async () => {
      const answer = await api.post('/api/v1/clients', intakeBody(), coach.token);
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'active' });
    });

    it('SCOPE_MINOR refuses intake of a minor and stores nothing, not even an audit event with a subject', async () => {
      const minor = await signUpAndLogIn(api);
      const sentinel = `Minor-${randomBytes(6).toString('hex')}`;
      const answer = await api.post(
        '/api/v1/clients',
        intakeBody({ fullName: sentinel, dateOfBirth: eighteenYearsAgo(1) }),
        minor.token,
      );
      expect(answer.status).toBe(422);
      expect(answer.body).toEqual({
        statusCode: 422,
        code: 'ETHICS_SCOPE_MINOR',
        message: expect.stringMatching(/minors/),
      });
      expect(answer.text).not.toContain(sentinel);

      const stored = await withOwnerClient((db) =>
        db.query(`SELECT count(*)::int AS n FROM clients WHERE coach_id = $1`, [minor.id]),
      );
      expect(stored.rows[0].n).toBe(0);
      expect(await lastAuditEventOf(minor.id)).toEqual({
        action: 'client.intake',
        subject_id: null,
        outcome: 'refused',
      });
    });

    it('SCOPE_MINOR takes in a person whose 18th birthday is the intake date (UTC)', async () => {
      const answer = await api.post('/api/v1/clients', intakeBody({ dateOfBirth: eighteenYearsAgo(0) }), coach.token);
      expect(answer.status).toBe(201);
    });

    it('refuses a date of birth in the future or not a calendar date with 400 naming dateOfBirth', async () => {
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      for (const dateOfBirth of [tomorrow, '1990-02-30', '01/02/1990', '1990-1-2']) {
        const answer = await api.post('/api/v1/clients', intakeBody({ dateOfBirth }), coach.token);
        expect(answer.status).toBe(400);
        expect(answer.body.code).toBe('VALIDATION_FAILED');
        expect(answer.body.message).toContain('dateOfBirth');
      }
    });

    it.each(['activelySuicidal', 'activeAddiction', 'activeSelfHarm'])(
      'SCOPE_RISK: a "yes" to %s makes the client referral_required',
      async (answerYes) => {
        const screening = {
          activelySuicidal: false,
          activeAddiction: false,
          activeSelfHarm: false,
          outsideCompetence: false,
          [answerYes]: true,
        };
        const created = await createClient(api, coach.token, { screening });
        expect(created.status).toBe('referral_required');
        expect((await api.get(`/api/v1/clients/${created.id}`, coach.token)).body.status).toBe('referral_required');
      },
    );

    it('SCOPE_COMPETENCE: a need outside competence makes the client referral_required and no session can be recorded', async () => {
      const screening = {
        activelySuicidal: false,
        activeAddiction: false,
        activeSelfHarm: false,
        outsideCompetence: true,
      };
      const created = await createClient(api, coach.token, { screening });
      expect(created.status).toBe('referral_required');
      const session = await api.post(
        `/api/v1/clients/${created.id}/sessions`,
        {
          occurredAt: '2026-01-02T10:00:00Z',
          durationMinutes: 50,
          notes: 'n',
          clientUnderInfluence: false,
          clientRegulatedAtClose: true,
        },
        coach.token,
      );
      expect(session.status).toBe(422);
      expect(session.body.code).toBe('ETHICS_SCOPE_RISK');
    });

    it('CONF_COACH_ONLY: stores every identifying field only as ciphertext bound to its row', async () => {
      const marker = randomBytes(6).toString('hex');
      const created = await createClient(api, coach.token, {
        fullName: `Name ${marker}`,
        email: `mail-${marker}@example.test`,
      });
      const row = await withOwnerClient(
        async (db) => (await db.query(`SELECT * FROM clients WHERE id = $1`, [created.id])).rows[0],
      );
      for (const column of [
        'full_name_enc',
        'email_enc',
        'date_of_birth_enc',
        'screening_enc',
        'supervision_sought_enc',
      ]) {
        expect(row[column]).toMatch(/^v1\.ck1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
        expect(row[column]).not.toContain(marker);
      }
      expect(row.wrapped_key).toMatch(/^v1\.vk1\./);
      expect(JSON.stringify(row)).not.toContain(marker);
      expect(JSON.stringify(row)).not.toContain('1988-05-17');
    });
  });

  describe('reading', () => {
    it('GET /clients/:id answers the decrypted client with its open follow-ups', async () => {
      const body = intakeBody({ fullName: '  Zoë Ünal-Ng  ' });
      const created = await createClient(api, coach.token, body);
      const answer = await api.get(`/api/v1/clients/${created.id}`, coach.token);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        id: created.id,
        fullName: 'Zoë Ünal-Ng',
        email: body.email,
        dateOfBirth: '1988-05-17',
        status: 'active',
        supervisionSought: false,
        openFollowUps: [],
      });
      expect(await lastAuditEventOf(coach.id)).toEqual({
        action: 'client.read',
        subject_id: created.id,
        outcome: 'success',
      });
    });

    it('lists only the coach’s own clients, names decrypted, newest first, paged by limit and cursor', async () => {
      const lister = await signUpAndLogIn(api);
      const other = await signUpAndLogIn(api);
      await createClient(api, other.token, { fullName: 'Not Yours' });
      const names = ['First Client', 'Second Client', 'Third Client'];
      for (const fullName of names) await createClient(api, lister.token, { fullName });

      const first = await api.get('/api/v1/clients?limit=2', lister.token);
      expect(first.status).toBe(200);
      expect(first.body.items.map((c: any) => c.fullName)).toEqual(['Third Client', 'Second Client']);
      expect(first.body.items[0]).toEqual({ id: expect.any(String), fullName: 'Third Client', status: 'active' });
      expect(first.body.nextCursor).toEqual(expect.any(String));

      const second = await api.get(`/api/v1/clients?limit=2&cursor=${first.body.nextCursor}`, lister.token);
      expect(second.body).toEqual({ items: [expect.objectContaining({ fullName: 'First Client' })], nextCursor: null });

      const all = await api.get('/api/v1/clients', lister.token);
      expect(all.body.items).toHaveLength(3);
      expect(all.body.nextCursor).toBeNull();
    });

    it("refuses one list's cursor on another list, another client's sessions included", async () => {
      const coach = await signUpAndLogIn(api);
      const [one, two] = [await createClient(api, coach.token), await createClient(api, coach.token)];
      for (let i = 0; i < 2; i++) await recordSession(api, coach.token, one.id);
      await recordSession(api, coach.token, two.id);
      const page = await api.get(`/api/v1/clients/${one.id}/sessions?limit=1`, coach.token);
      const cursor = page.body.nextCursor as string;
      expect(cursor).toEqual(expect.any(String));
      expect((await api.get(`/api/v1/clients/${one.id}/sessions?limit=1&cursor=${cursor}`, coach.token)).status).toBe(
        200,
      );
      for (const path of [`/api/v1/clients/${two.id}/sessions`, '/api/v1/clients', `/api/v1/clients/${one.id}/goals`]) {
        const answer = await api.get(`${path}?cursor=${cursor}`, coach.token);
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('cursor') });
      }
    });

    it.each([['limit=0'], ['limit=101'], ['limit=abc'], ['limit=1.5'], ['limit=']])(
      'refuses %s with 400 naming limit',
      async (query) => {
        const answer = await api.get(`/api/v1/clients?${query}`, coach.token);
        expect(answer.status).toBe(400);
        expect(answer.body.code).toBe('VALIDATION_FAILED');
        expect(answer.body.message).toContain('limit');
      },
    );

    it.each([
      ['garbage!'],
      [Buffer.from('{"after":"x"}').toString('base64url')],
      [Buffer.from('not json').toString('base64url')],
      [Buffer.from('null').toString('base64url')],
    ])('refuses the cursor %s with 400 naming cursor', async (cursor) => {
      const answer = await api.get(`/api/v1/clients?cursor=${encodeURIComponent(cursor)}`, coach.token);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain('cursor');
    });

    it('refuses unknown query parameters with 400', async () => {
      const answer = await api.get('/api/v1/clients?sort=name', coach.token);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain('sort');
    });
  });

  describe('goals and supervision', () => {
    it('PRACTICE_CLIENT_GOALS records goals in the client’s own words, exactly as written', async () => {
      const client = await createClient(api, coach.token);
      const words = ['I want to sleep   through the night — most nights.', 'Feel safe saying "no" at work 🙂'];
      for (const statement of words) {
        const answer = await api.post(`/api/v1/clients/${client.id}/goals`, { statement }, coach.token);
        expect(answer.status).toBe(201);
        expect(answer.body).toEqual({ id: expect.any(String), statement, recordedAt: expect.any(String) });
      }
      const goals = await api.get(`/api/v1/clients/${client.id}/goals`, coach.token);
      expect(goals.status).toBe(200);
      expect(goals.body.items.map((g: any) => g.statement)).toEqual([...words].reverse());
      const paged = await api.get(`/api/v1/clients/${client.id}/goals?limit=1`, coach.token);
      expect(paged.body.items).toHaveLength(1);
      expect(paged.body.nextCursor).not.toBeNull();

      const stored = await withOwnerClient((db) =>
        db.query(`SELECT statement_enc FROM client_goals WHERE client_id = $1`, [client.id]),
      );
      expect(stored.rows.map((r) => r.statement_enc).join()).not.toContain('sleep');
    });

    it('SCOPE_COMPETENCE: the coach flags "supervision sought" and keeps a supervision log with encrypted notes', async () => {
      const client = await createClient(api, coach.token);
      const flagged = await api.request('PUT', `/api/v1/clients/${client.id}/supervision-sought`, {
        body: { supervisionSought: true },
        token: coach.token,
      });
      expect(flagged.status).toBe(200);
      expect(flagged.body).toEqual({ supervisionSought: true });
      expect((await api.get(`/api/v1/clients/${client.id}`, coach.token)).body.supervisionSought).toBe(true);

      const entry = {
        supervisedOn: '2026-01-20',
        supervisor: 'Dr. Mara Lind',
        notes: 'Discussed boundaries around late-night messages.',
      };
      const added = await api.post(`/api/v1/clients/${client.id}/supervision`, entry, coach.token);
      expect(added.status).toBe(201);
      const log = await api.get(`/api/v1/clients/${client.id}/supervision`, coach.token);
      expect(log.body).toEqual({
        items: [{ id: added.body.id, ...entry, recordedAt: expect.any(String) }],
        nextCursor: null,
      });

      const stored = await withOwnerClient(async (db) =>
        JSON.stringify(
          (await db.query(`SELECT * FROM client_supervision_entries WHERE id = $1`, [added.body.id])).rows,
        ),
      );
      expect(stored).not.toContain('Mara');
      expect(stored).not.toContain('boundaries');
      expect(stored).not.toContain('2026-01-20');

      const unflagged = await api.request('PUT', `/api/v1/clients/${client.id}/supervision-sought`, {
        body: { supervisionSought: false },
        token: coach.token,
      });
      expect(unflagged.body).toEqual({ supervisionSought: false });
    });

    it('refuses a supervision date in the future', async () => {
      const client = await createClient(api, coach.token);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const answer = await api.post(
        `/api/v1/clients/${client.id}/supervision`,
        { supervisedOn: tomorrow, supervisor: 'S', notes: 'n' },
        coach.token,
      );
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain('supervisedOn');
    });
  });

  describe('export and crypto-shredding', () => {
    it('exports everything held about the client, decrypted, as JSON', async () => {
      const body = intakeBody({
        fullName: 'Export Me',
        screening: { activelySuicidal: false, activeAddiction: false, activeSelfHarm: false, outsideCompetence: false },
      });
      const client = await createClient(api, coach.token, body);
      await api.post(`/api/v1/clients/${client.id}/goals`, { statement: 'Find my voice' }, coach.token);
      await api.post(
        `/api/v1/clients/${client.id}/supervision`,
        { supervisedOn: '2026-01-05', supervisor: 'Sup', notes: 'Sup notes' },
        coach.token,
      );
      const session = await recordSession(api, coach.token, client.id, {
        notes: 'First notes',
        clientRegulatedAtClose: false,
        feeType: 'pro_bono',
      });
      await api.post(
        `/api/v1/sessions/${session.id}/amendments`,
        { notes: 'Second notes', reason: 'Typo in the first' },
        coach.token,
      );

      const answer = await api.get(`/api/v1/clients/${client.id}/export`, coach.token);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        exportedAt: expect.any(String),
        client: {
          id: client.id,
          fullName: 'Export Me',
          email: body.email,
          dateOfBirth: '1988-05-17',
          status: 'active',
          screening: body.screening,
          supervisionSought: false,
          intakeAt: expect.any(String),
        },
        goals: [{ id: expect.any(String), statement: 'Find my voice', recordedAt: expect.any(String) }],
        supervisionLog: [
          {
            id: expect.any(String),
            supervisedOn: '2026-01-05',
            supervisor: 'Sup',
            notes: 'Sup notes',
            recordedAt: expect.any(String),
          },
        ],
        followUps: [
          expect.objectContaining({
            kind: 'safety',
            rule: 'PRACTICE_SAFE_CLOSE',
            openedBySessionId: session.id,
            addressedAt: null,
          }),
        ],
        sessions: [
          {
            id: session.id,
            occurredAt: '2026-01-15T10:00:00.000Z',
            durationMinutes: 50,
            status: 'held',
            feeType: 'pro_bono',
            clientUnderInfluence: false,
            clientRegulatedAtClose: false,
            recordedAt: expect.any(String),
            versions: [
              { version: 1, notes: 'First notes', reason: null, recordedAt: expect.any(String) },
              { version: 2, notes: 'Second notes', reason: 'Typo in the first', recordedAt: expect.any(String) },
            ],
          },
        ],
        // Issue 9: no referral yet, and the engagement has not ended.
        referrals: [],
        ending: null,
        // Issue 8's sections: this client has no release and no disclosure.
        releases: [],
        disclosures: [],
      });
      expect(await lastAuditEventOf(coach.id)).toEqual({
        action: 'client.export',
        subject_id: client.id,
        outcome: 'success',
      });
    });

    it('DELETE /clients/:id destroys the client key: reads and export are 404, ciphertext stays unreadable, audit events remain', async () => {
      const owner = await signUpAndLogIn(api);
      const client = await createClient(api, owner.token, { fullName: 'Shred Me' });
      const session = await recordSession(api, owner.token, client.id, { notes: 'Shredded notes' });
      const wrappedKeyBefore = await withOwnerClient(
        async (db) =>
          (await db.query(`SELECT wrapped_key FROM clients WHERE id = $1`, [client.id])).rows[0].wrapped_key,
      );
      expect(wrappedKeyBefore).toMatch(/^v1\./);

      const deleted = await api.request('DELETE', `/api/v1/clients/${client.id}`, { token: owner.token });
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');

      for (const path of [
        `/clients/${client.id}`,
        `/clients/${client.id}/export`,
        `/clients/${client.id}/sessions`,
        `/sessions/${session.id}`,
        `/sessions/${session.id}/versions`,
      ]) {
        expect((await api.get(`/api/v1${path}`, owner.token)).status).toBe(404);
      }
      expect((await api.request('DELETE', `/api/v1/clients/${client.id}`, { token: owner.token })).status).toBe(404);
      expect((await api.get('/api/v1/clients', owner.token)).body.items).toEqual([]);

      await withOwnerClient(async (db) => {
        const row = (
          await db.query(`SELECT wrapped_key, deleted_at, full_name_enc FROM clients WHERE id = $1`, [client.id])
        ).rows[0];
        expect(row.wrapped_key).toBeNull();
        expect(row.deleted_at).not.toBeNull();
        expect(row.full_name_enc).toMatch(/^v1\./);
        const versions = await db.query(`SELECT notes_enc FROM session_record_versions WHERE session_id = $1`, [
          session.id,
        ]);
        expect(versions.rows).toHaveLength(1);
        const events = await db.query(`SELECT action FROM audit_events WHERE subject_id = ANY($1) ORDER BY seq`, [
          [client.id, session.id],
        ]);
        expect(events.rows.map((e) => e.action)).toEqual(
          expect.arrayContaining(['client.intake', 'session.create', 'client.delete']),
        );
        // No copy of the wrapped key is left anywhere a query can reach.
        const copies = await db.query(`SELECT count(*)::int AS n FROM clients WHERE wrapped_key = $1`, [
          wrappedKeyBefore,
        ]);
        expect(copies.rows[0].n).toBe(0);
      });

      // The coach still holds only the vault key: it opens nothing by itself. The destroyed wrapped
      // key (kept by this test alone) was the one way in, which shows the notes were under it.
      const notesEnc = await withOwnerClient(
        async (db) =>
          (await db.query(`SELECT notes_enc FROM session_record_versions WHERE session_id = $1`, [session.id])).rows[0]
            .notes_enc,
      );
      const vaultKey = await vaultKeyOf(api, owner.token);
      const context = { purpose: 'session_record_versions.notes_enc', rowId: `${session.id}/v1`, ownerId: owner.id };
      await expect(decryptText(vaultKey, notesEnc, context)).rejects.toBeInstanceOf(DecryptionError);
      const beforeShredding = await ClientCipher.unwrap(vaultKey, owner.id, client.id, wrappedKeyBefore);
      expect(await beforeShredding.open(context.purpose, context.rowId, notesEnc)).toBe('Shredded notes');
    });
  });

  it('documents every client and record route in the OpenAPI document', async () => {
    const docs = await api.get('/api/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/clients',
        '/api/v1/clients/{id}',
        '/api/v1/clients/{id}/export',
        '/api/v1/clients/{id}/goals',
        '/api/v1/clients/{id}/supervision',
        '/api/v1/clients/{id}/supervision-sought',
        '/api/v1/clients/{id}/follow-ups/{followUpId}/addressed',
        '/api/v1/clients/{id}/sessions',
        '/api/v1/sessions/{id}',
        '/api/v1/sessions/{id}/amendments',
        '/api/v1/sessions/{id}/versions',
        '/api/v1/me/give-back',
      ]),
    );
    expect(docs.body.paths['/api/v1/sessions/{id}'].put).toBeUndefined();
    expect(docs.body.paths['/api/v1/sessions/{id}'].delete).toBeUndefined();
  });
});
