import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource, EntitySchema } from 'typeorm';
import { migrateTestDatabase, testConfig, withOwnerClient } from '#haven/testing';
import type { Transaction } from './queries.js';
import { Transactions } from './transactions.js';

// A probe table of this suite's own, behind the same kind of policy every coach-owned table gets.
const table = `rls_probe_${randomBytes(4).toString('hex')}`;

interface ProbeRow {
  id: number;
  coachId: string;
  note: string;
}
const Probe = new EntitySchema<ProbeRow>({
  name: 'Probe',
  tableName: table,
  columns: {
    id: { type: Number, primary: true, generated: 'increment' },
    coachId: { name: 'coach_id', type: 'text' },
    note: { type: 'text' },
  },
});

describe('Transactions and row-level security on a pool of one connection', () => {
  const config = testConfig();
  let dataSource: DataSource;
  let sut: Transactions;
  const coachA = randomUUID();
  const coachB = randomUUID();

  beforeAll(async () => {
    await migrateTestDatabase(config);
    await withOwnerClient(async (owner) => {
      await owner.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, coach_id text NOT NULL, note text NOT NULL)`);
      await owner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await owner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await owner.query(`
        CREATE POLICY ${table}_owner ON ${table}
        USING (coach_id = current_setting('app.current_coach', true))
        WITH CHECK (coach_id = current_setting('app.current_coach', true))`);
      await owner.query(`GRANT SELECT, INSERT, UPDATE ON ${table} TO haven_app`);
      await owner.query(`GRANT USAGE ON SEQUENCE ${table}_id_seq TO haven_app`);
    });
    // One connection: every request below reuses the same Postgres session.
    dataSource = new DataSource({
      type: 'postgres',
      url: config.database.appUrl,
      entities: [Probe],
      extra: { max: 1 },
    });
    await dataSource.initialize();
    sut = new Transactions(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await withOwnerClient((owner) => owner.query(`DROP TABLE ${table}`));
  });

  const countRows = (rows: Array<Record<string, unknown>>) => Number(rows[0]!.count);

  it('shows a coach their own rows inside their transaction', async () => {
    await sut.asCoach(coachA, (tx) => tx.query(`INSERT INTO ${table} (coach_id, note) VALUES ($1, 'a')`, [coachA]));
    const seen = await sut.asCoach(coachA, (tx) => tx.query(`SELECT count(*) FROM ${table}`));
    expect(countRows(seen)).toBe(1);
  });

  it('shows nothing of coach A to the next request that sets no coach', async () => {
    await sut.asCoach(coachA, (tx) => tx.query(`SELECT count(*) FROM ${table}`));
    expect(countRows(await sut.transactionWithoutCoach((tx) => tx.query(`SELECT count(*) FROM ${table}`)))).toBe(0);
    expect(countRows(await dataSource.query(`SELECT count(*) FROM ${table}`))).toBe(0);
  });

  it('shows nothing of coach A to coach B, and refuses B writing a row as A', async () => {
    expect(countRows(await sut.asCoach(coachB, (tx) => tx.query(`SELECT count(*) FROM ${table}`)))).toBe(0);
    await expect(
      sut.asCoach(coachB, (tx) => tx.query(`INSERT INTO ${table} (coach_id, note) VALUES ($1, 'forged')`, [coachA])),
    ).rejects.toThrow(/row-level security/);
  });

  it('rolls back everything the work wrote when it throws, and the connection serves the next request', async () => {
    const note = `rolled-back-${randomUUID()}`;
    await expect(
      sut.asCoach(coachA, async (tx) => {
        await tx.query(`INSERT INTO ${table} (coach_id, note) VALUES ($1, $2)`, [coachA, note]);
        throw new Error('the use case failed');
      }),
    ).rejects.toThrow('the use case failed');
    const left = await sut.asCoach(coachA, (tx) => tx.query(`SELECT count(*) FROM ${table} WHERE note = $1`, [note]));
    expect(countRows(left)).toBe(0);
  });

  const auditedActions = async (action: string) =>
    (await dataSource.query(`SELECT actor_id, subject_id FROM audit_events WHERE action = $1`, [action])) as Array<{
      actor_id: string;
      subject_id: string;
    }>;

  it('binds an update written through the handle to the coach, and audits it at COMMIT', async () => {
    const coachC = randomUUID(); // a coach of its own, so the row counts of the other tests hold
    const [row] = await sut.asCoach(coachC, (tx) =>
      tx.query<{ id: number }>(`INSERT INTO ${table} (coach_id, note) VALUES ($1, 'before') RETURNING id`, [coachC]),
    );
    const update = (coachId: string, action: string) =>
      sut.asCoach(coachId, async (tx) => {
        tx.auditOnCommit({
          actorId: coachId,
          actorRole: 'coach',
          action,
          subjectId: String(row.id),
          outcome: 'success',
        });
        return tx.update(Probe, { id: row.id }, { note: `changed by ${coachId}` });
      });

    const byB = `test.probe.update.${randomUUID()}`;
    expect(await update(coachB, byB)).toBe(0); // RLS: B's UPDATE cannot see C's row
    const byC = `test.probe.update.${randomUUID()}`;
    expect(await update(coachC, byC)).toBe(1);

    const notes = await sut.asCoach(coachC, (tx) => tx.find(Probe, { where: { id: row.id } }));
    expect(notes.map((probe) => probe.note)).toEqual([`changed by ${coachC}`]);
    expect(await auditedActions(byC)).toEqual([{ actor_id: coachC, subject_id: String(row.id) }]);
    expect(await auditedActions(byB)).toHaveLength(1); // B's attempt committed (it changed nothing) and is on record
  });

  it('records no audit event and runs no after-commit task when the work fails', async () => {
    const action = `test.probe.failed.${randomUUID()}`;
    const ran: string[] = [];
    await expect(
      sut.asCoach(coachA, async (tx) => {
        tx.auditOnCommit({ actorId: coachA, actorRole: 'coach', action, outcome: 'success' });
        tx.afterCommit(async () => void ran.push('after a rolled-back write'));
        await tx.query(`INSERT INTO ${table} (coach_id, note) VALUES ($1, 'rolled back')`, [coachA]);
        throw new Error('the use case failed');
      }),
    ).rejects.toThrow('the use case failed');
    expect(await auditedActions(action)).toEqual([]);
    expect(ran).toEqual([]);

    await sut.asCoach(coachA, async (tx) => tx.afterCommit(async () => void ran.push('after the commit')));
    expect(ran).toEqual(['after the commit']);
  });

  it('hands the work no way to open, commit or leave the transaction', async () => {
    const handle = await sut.asCoach(coachA, async (tx: Transaction) => tx);
    for (const escape of ['save', 'transaction', 'manager', 'queryRunner', 'commitTransaction', 'release'])
      expect(escape in handle).toBe(false);
  });

  it('runs a transaction without a coach as one transaction, and autocommit as one per statement', async () => {
    const transactionIds = (rows: Array<{ id: string }>[]) => new Set(rows.map(([row]) => row.id)).size;
    const twice = (db: { query<Row extends object>(sql: string): Promise<Row[]> }) =>
      Promise.all([
        db.query<{ id: string }>(`SELECT txid_current()::text AS id`),
        db.query<{ id: string }>(`SELECT txid_current()::text AS id`),
      ]);
    expect(transactionIds(await sut.transactionWithoutCoach(twice))).toBe(1);
    expect(transactionIds(await sut.autocommitWithoutCoach(twice))).toBe(2);
  });

  it('wraps the work in two messages: BEGIN with the identity, and the audit event with COMMIT', async () => {
    // The records hot path (and its bench) depends on this count: one message per round trip.
    const sent: string[] = [];
    const send = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const [query] = args as [string | { text: string }];
      sent.push(typeof query === 'string' ? query : query.text);
      return (send as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof send;
    try {
      await sut.asCoach(coachA, async (tx) => {
        tx.auditOnCommit({ actorId: coachA, actorRole: 'coach', action: 'test.round-trips', outcome: 'success' });
        await tx.query(`SELECT count(*) FROM ${table}`);
      });
    } finally {
      pg.Client.prototype.query = send;
    }
    expect(sent).toEqual([
      expect.stringMatching(/^BEGIN; SELECT set_config\('app.current_coach', '[0-9a-f-]+', true\)$/),
      `SELECT count(*) FROM ${table}`,
      expect.stringMatching(/^INSERT INTO audit_pending .*; COMMIT$/s),
    ]);
  });

  it('refuses a coach id that is not a UUID before it reaches SQL', async () => {
    await expect(sut.asCoach(`x', true); DROP TABLE ${table}; --`, async () => 'ran')).rejects.toThrow(
      'a coach id must be a UUID',
    );
    expect(countRows(await sut.asCoach(coachA, (tx) => tx.query(`SELECT count(*) FROM ${table}`)))).toBe(1);
  });

  it('would leak with a plain SET, which is why the helper uses set_config(..., true)', async () => {
    // The contrast that makes the tests above meaningful: session-level SET survives the request.
    await dataSource.query(`SET app.current_coach = '${coachA}'`);
    try {
      expect(countRows(await dataSource.query(`SELECT count(*) FROM ${table}`))).toBe(1);
    } finally {
      await dataSource.query(`RESET app.current_coach`);
    }
  });

  it('connects as a role that owns no table and cannot bypass RLS', async () => {
    const [role] = await dataSource.query(
      `SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ name: 'haven_app', rolsuper: false, rolbypassrls: false });
    const owned = await dataSource.query(`SELECT count(*) FROM pg_tables WHERE tableowner = current_user`);
    expect(countRows(owned)).toBe(0);
  });
});
