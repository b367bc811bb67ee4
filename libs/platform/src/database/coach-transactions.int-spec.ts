import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migrateTestDatabase, testConfig, withOwnerClient } from '#haven/testing';
import { CoachTransactions } from './coach-transactions.js';

// A probe table of this suite's own, behind the same kind of policy every coach-owned table gets.
const table = `rls_probe_${randomBytes(4).toString('hex')}`;

describe('CoachTransactions and row-level security on a pool of one connection', () => {
  const config = testConfig();
  let dataSource: DataSource;
  let sut: CoachTransactions;
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
      await owner.query(`GRANT SELECT, INSERT ON ${table} TO haven_app`);
      await owner.query(`GRANT USAGE ON SEQUENCE ${table}_id_seq TO haven_app`);
    });
    // One connection: every request below reuses the same Postgres session.
    dataSource = new DataSource({ type: 'postgres', url: config.database.appUrl, extra: { max: 1 } });
    await dataSource.initialize();
    sut = new CoachTransactions(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await withOwnerClient((owner) => owner.query(`DROP TABLE ${table}`));
  });

  const countRows = (rows: Array<{ count: string }>) => Number(rows[0].count);

  it('shows a coach their own rows inside their transaction', async () => {
    await sut.asCoach(coachA, (manager) =>
      manager.query(`INSERT INTO ${table} (coach_id, note) VALUES ($1, 'a')`, [coachA]),
    );
    const seen = await sut.asCoach(coachA, (manager) => manager.query(`SELECT count(*) FROM ${table}`));
    expect(countRows(seen)).toBe(1);
  });

  it('shows nothing of coach A to the next request that sets no coach', async () => {
    await sut.asCoach(coachA, (manager) => manager.query(`SELECT count(*) FROM ${table}`));
    expect(countRows(await sut.withoutCoach((manager) => manager.query(`SELECT count(*) FROM ${table}`)))).toBe(0);
    expect(countRows(await dataSource.query(`SELECT count(*) FROM ${table}`))).toBe(0);
  });

  it('shows nothing of coach A to coach B, and refuses B writing a row as A', async () => {
    expect(countRows(await sut.asCoach(coachB, (manager) => manager.query(`SELECT count(*) FROM ${table}`)))).toBe(0);
    await expect(
      sut.asCoach(coachB, (manager) =>
        manager.query(`INSERT INTO ${table} (coach_id, note) VALUES ($1, 'forged')`, [coachA]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('rolls back everything the work wrote when it throws, and the connection serves the next request', async () => {
    const note = `rolled-back-${randomUUID()}`;
    await expect(
      sut.asCoach(coachA, async (manager) => {
        await manager.query(`INSERT INTO ${table} (coach_id, note) VALUES ($1, $2)`, [coachA, note]);
        throw new Error('the use case failed');
      }),
    ).rejects.toThrow('the use case failed');
    const left = await sut.asCoach(coachA, (manager) =>
      manager.query(`SELECT count(*) FROM ${table} WHERE note = $1`, [note]),
    );
    expect(countRows(left)).toBe(0);
  });

  it('runs the statement before COMMIT as the coach, and not at all when the work fails', async () => {
    const note = `with-commit-${randomUUID()}`;
    const coachC = randomUUID(); // a coach of its own, so the row counts of the other tests hold
    const insert = () => `INSERT INTO ${table} (coach_id, note) VALUES ('${coachC}', '${note}')`;
    await expect(
      sut.asCoach(
        coachC,
        async () => {
          throw new Error('the use case failed');
        },
        insert,
      ),
    ).rejects.toThrow('the use case failed');
    const count = () =>
      sut.asCoach(coachC, (manager) => manager.query(`SELECT count(*) FROM ${table} WHERE note = $1`, [note]));
    expect(countRows(await count())).toBe(0);
    await sut.asCoach(coachC, async () => 'done', insert);
    expect(countRows(await count())).toBe(1);
    // As coach B the same statement breaks the RLS check: the whole transaction is refused.
    await expect(sut.asCoach(coachB, async () => 'done', insert)).rejects.toThrow(/row-level security/);
    expect(countRows(await count())).toBe(1);
  });

  it('refuses a coach id that is not a UUID before it reaches SQL', async () => {
    await expect(sut.asCoach(`x', true); DROP TABLE ${table}; --`, async () => 'ran')).rejects.toThrow(
      'a coach id must be a UUID',
    );
    expect(countRows(await sut.asCoach(coachA, (manager) => manager.query(`SELECT count(*) FROM ${table}`)))).toBe(1);
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
