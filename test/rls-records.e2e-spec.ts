import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AuditService, Transactions } from '#haven/audit';
import { withAppClient, withOwnerClient } from '#haven/testing';
import { createClient, type LoggedInCoach, recordSession, sessionBody, signUpAndLogIn } from './support/factories.js';
import { TestApi } from './support/test-api.js';

const COACH_TABLES = [
  'clients',
  'client_goals',
  'client_supervision_entries',
  'client_follow_ups',
  'session_records',
  'session_record_versions',
];

/** Runs `work` in a transaction with `coachId` as the row-level-security identity, then rolls it back. */
async function asCoachRolledBack(db: pg.Client, coachId: string, work: () => Promise<void>): Promise<void> {
  await db.query('BEGIN');
  await db.query(`SELECT set_config('app.current_coach', $1, true)`, [coachId]);
  await work();
  await db.query('ROLLBACK');
}

describe('row-level security on client and record tables', () => {
  let api: TestApi;
  let coachA: LoggedInCoach;
  let coachB: LoggedInCoach;
  let clientOfA: string;
  let sessionOfA: string;

  beforeAll(async () => {
    api = await TestApi.start();
    [coachA, coachB] = await Promise.all([signUpAndLogIn(api), signUpAndLogIn(api)]);
    clientOfA = (await createClient(api, coachA.token)).id;
    sessionOfA = (await recordSession(api, coachA.token, clientOfA, { clientRegulatedAtClose: false })).id;
    await api.post(`/api/v1/clients/${clientOfA}/goals`, { statement: 'g' }, coachA.token);
    await api.post(
      `/api/v1/clients/${clientOfA}/supervision`,
      { supervisedOn: '2026-01-01', supervisor: 's', notes: 'n' },
      coachA.token,
    );
  });
  afterAll(() => api.close());

  it('the app role is neither superuser nor BYPASSRLS and owns none of these tables', async () => {
    await withOwnerClient(async (db) => {
      const role = await db.query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'haven_app'`);
      expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
      const tables = await db.query(
        `SELECT relname, relrowsecurity, relforcerowsecurity, pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname = ANY($1) ORDER BY relname`,
        [COACH_TABLES],
      );
      expect(tables.rows).toHaveLength(COACH_TABLES.length);
      for (const table of tables.rows) {
        expect(table).toEqual({
          relname: table.relname,
          relrowsecurity: true,
          relforcerowsecurity: true,
          owner: expect.not.stringMatching(/^haven_app$/),
        });
      }
    });
  });

  it.each(COACH_TABLES)('a raw query on %s as the app role with no coach set returns 0 rows', async (table) => {
    const existing = await withOwnerClient(
      async (db) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n,
    );
    expect(existing).toBeGreaterThan(0);
    const visible = await withAppClient(
      async (db) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n,
    );
    expect(visible).toBe(0);
  });

  it('with coach B set, none of coach A’s records are visible or changeable', async () => {
    await withAppClient(async (db) => {
      await asCoachRolledBack(db, coachB.id, async () => {
        expect((await db.query(`SELECT * FROM session_records WHERE id = $1`, [sessionOfA])).rows).toEqual([]);
        expect(
          (await db.query(`SELECT * FROM session_record_versions WHERE session_id = $1`, [sessionOfA])).rows,
        ).toEqual([]);
        expect((await db.query(`UPDATE clients SET status = 'ended' WHERE id = $1`, [clientOfA])).rowCount).toBe(0);
        expect(
          (await db.query(`UPDATE client_follow_ups SET addressed_at = now() WHERE client_id = $1`, [clientOfA]))
            .rowCount,
        ).toBe(0);
      });
      // With A set, A's rows are there: the policy filters, the data exists.
      await asCoachRolledBack(db, coachA.id, async () => {
        expect((await db.query(`SELECT id FROM session_records WHERE id = $1`, [sessionOfA])).rows).toEqual([
          { id: sessionOfA },
        ]);
      });
    });
  });

  it('an insert with another coach’s id fails, and so does one that points at another coach’s client', async () => {
    await withAppClient(async (db) => {
      await asCoachRolledBack(db, coachB.id, async () => {
        await expect(
          db.query(
            `INSERT INTO session_records (id, coach_id, client_id, facts_enc, created_at) VALUES ($1, $2, $3, 'x', now())`,
            [randomUUID(), coachA.id, clientOfA],
          ),
        ).rejects.toThrow(/row-level security/);
      });

      await asCoachRolledBack(db, coachB.id, async () => {
        await expect(
          db.query(
            `INSERT INTO session_records (id, coach_id, client_id, facts_enc, created_at) VALUES ($1, $2, $3, 'x', now())`,
            [randomUUID(), coachB.id, clientOfA],
          ),
        ).rejects.toThrow(/foreign key/);
      });

      await asCoachRolledBack(db, coachB.id, async () => {
        await expect(
          db.query(
            `INSERT INTO session_record_versions (session_id, version, coach_id, notes_enc, reason_enc, created_at) VALUES ($1, 9, $2, 'x', 'y', now())`,
            [sessionOfA, coachA.id],
          ),
        ).rejects.toThrow(/row-level security/);
      });
    });
  });

  it('1,000 concurrent session writes from 10 coaches are all persisted, each readable only by its coach', async () => {
    const coaches = await Promise.all(Array.from({ length: 10 }, () => signUpAndLogIn(api)));
    const clients = await Promise.all(coaches.map((coach) => createClient(api, coach.token)));
    const writes = coaches.flatMap((coach, c) =>
      Array.from({ length: 100 }, (_, n) => ({ coach: c, notes: `coach ${c} session ${n}` })),
    );
    const started = Date.now();
    const answers = await Promise.all(
      writes.map((write) =>
        api.post(
          `/api/v1/clients/${clients[write.coach]!.id}/sessions`,
          sessionBody({ notes: write.notes }),
          coaches[write.coach]!.token,
        ),
      ),
    );
    const elapsedMs = Date.now() - started;
    expect(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.text}`)).toEqual([]);
    expect(elapsedMs).toBeLessThan(60_000);

    const persisted = await withOwnerClient((db) =>
      db.query(`SELECT coach_id, count(*)::int AS n FROM session_records WHERE coach_id = ANY($1) GROUP BY coach_id`, [
        coaches.map((c) => c.id),
      ]),
    );
    expect(persisted.rows.map((r) => r.n)).toEqual(Array(10).fill(100));

    // Each coach's list holds exactly their 100, and each reads back with its own notes.
    for (const [c, coach] of coaches.entries()) {
      const listed = await api.get(`/api/v1/clients/${clients[c]!.id}/sessions?limit=100`, coach.token);
      expect(listed.body.items).toHaveLength(100);
      expect(listed.body.nextCursor).toBeNull();
    }
    const reads = await Promise.all(
      writes.map(async (write, i) => {
        const id = answers[i]!.body.id;
        const own = await api.get(`/api/v1/sessions/${id}`, coaches[write.coach]!.token);
        const neighbour = await api.get(`/api/v1/sessions/${id}`, coaches[(write.coach + 1) % 10]!.token);
        return { own: own.status === 200 && own.body.notes === write.notes, neighbour: neighbour.status };
      }),
    );
    expect(reads.filter((r) => !r.own)).toEqual([]);
    expect(new Set(reads.map((r) => r.neighbour))).toEqual(new Set([404]));

    // Every one of those writes and reads appended to the audit chain without forking it.
    const chain = await api.app
      .get(Transactions)
      .transactionWithoutCoach((tx) => api.app.get(AuditService).verifyChain(tx));
    expect(chain.intact).toBe(true);
  }, 120_000);
});
