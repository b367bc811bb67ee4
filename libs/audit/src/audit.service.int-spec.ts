import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createIsolatedDatabase, type IsolatedDatabase, withPgClient } from '#haven/testing';
import { AuditEventEntity } from './audit-event.entity.js';
import { AuditService } from './audit.service.js';
import { AuditStatement } from './transactions/audit-statement.js';
import { Transactions } from './transactions/transactions.js';

describe('AuditService on a real Postgres', () => {
  let database: IsolatedDatabase;
  let appDataSource: DataSource;
  const sut = new AuditService();
  let transactions: Transactions;

  beforeAll(async () => {
    database = await createIsolatedDatabase('audit');
    appDataSource = new DataSource({
      type: 'postgres',
      url: database.config.database.appUrl,
      entities: [AuditEventEntity],
      extra: { max: 20 },
    });
    await appDataSource.initialize();
    transactions = new Transactions(appDataSource);
  });

  afterAll(async () => {
    await appDataSource.destroy();
    await database.drop();
  });

  const appendOne = (index: number) =>
    transactions.transactionWithoutCoach((tx) =>
      tx.appendAudit({
        actorId: null,
        actorRole: 'coach',
        action: `test.concurrent.${index}`,
        outcome: 'success',
      }),
    );

  /** The chain's tail as this test starts: every expectation below is relative to it, never to a fixed seq. */
  const tailSeq = async (): Promise<number> => {
    const [tail] = await appDataSource.manager.find(AuditEventEntity, { order: { seq: 'DESC' }, take: 1 });
    return tail ? Number(tail.seq) : 0;
  };

  it('keeps one unbroken chain of 50 when 50 appends run concurrently', async () => {
    const before = await tailSeq();
    await Promise.all(Array.from({ length: 50 }, (_, index) => appendOne(index)));
    const rows = await appDataSource.manager
      .createQueryBuilder(AuditEventEntity, 'event')
      .where('event.seq > :before', { before })
      .orderBy('event.seq', 'ASC')
      .getMany();
    expect(rows).toHaveLength(50);
    expect(rows.map((row) => Number(row.seq))).toEqual(Array.from({ length: 50 }, (_, i) => before + i + 1));
    // A fork would show as two events linking to the same predecessor.
    expect(new Set(rows.map((row) => row.prevHash)).size).toBe(50);
    expect(await sut.verifyChain(appDataSource.manager)).toEqual({ intact: true, events: before + 50 });
  });

  it('rolls the event back with the transaction it belongs to', async () => {
    const before = await appDataSource.manager.count(AuditEventEntity);
    await expect(
      transactions.transactionWithoutCoach(async (tx) => {
        await tx.appendAudit({
          actorId: null,
          actorRole: 'coach',
          action: 'test.rolled-back',
          outcome: 'success',
        });
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect(await appDataSource.manager.count(AuditEventEntity)).toBe(before);
  });

  it('links events exactly as the Node verifier recomputes them, whatever the text needs escaping', async () => {
    // The SQL function writes the canonical JSON itself; these are the characters where a JSON
    // writer could differ from JSON.stringify: quotes, backslash, control characters, non-ASCII.
    const awkward = ['say "hi"', 'back\\slash /', 'tab\tnew\nline\u0001\u001f\u007f', 'ünïcödé ✓ 😀', ''];
    for (const text of awkward) {
      await transactions.transactionWithoutCoach((tx) =>
        tx.appendAudit({
          actorId: randomUUID(),
          actorRole: text,
          action: `test.${text}`,
          subjectId: text,
          outcome: 'success',
        }),
      );
    }
    const stored = await appDataSource.manager.find(AuditEventEntity, { order: { seq: 'DESC' }, take: awkward.length });
    expect(stored.map((row) => row.actorRole).reverse()).toEqual(awkward);
    const verification = await sut.verifyChain(appDataSource.manager);
    expect(verification).toMatchObject({ intact: true });
  });

  it('links several events of one transaction in the order they were appended, at commit', async () => {
    const actions = ['test.first', 'test.second', 'test.third'];
    await transactions.transactionWithoutCoach(async (tx) => {
      for (const action of actions)
        await tx.appendAudit({ actorId: null, actorRole: 'coach', action, outcome: 'success' });
      // Not linked yet: the chain is extended inside COMMIT, under the chain's lock.
      const [visible] = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = ANY($1)`,
        [actions],
      );
      expect(visible!.n).toBe(0);
    });
    const stored = await appDataSource.manager.find(AuditEventEntity, { order: { seq: 'DESC' }, take: 3 });
    expect(stored.map((row) => row.action).reverse()).toEqual(actions);
    expect(await sut.verifyChain(appDataSource.manager)).toMatchObject({ intact: true });
  });

  it('leaves nothing in audit_pending, which the app role can neither read nor change', async () => {
    await withPgClient(database.config.database.ownerUrl, async (owner) => {
      const { rows } = await owner.query(`SELECT count(*)::int AS n FROM audit_pending`);
      expect(rows[0].n).toBe(0);
    });
    await withPgClient(database.config.database.appUrl, async (client) => {
      await expect(client.query(`SELECT * FROM audit_pending`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`DELETE FROM audit_pending`)).rejects.toThrow(/permission denied/);
    });
  });

  it('stores what an AuditStatement quotes verbatim, an injection attempt included, and links it at COMMIT', async () => {
    const hostile = [`x'); DELETE FROM audit_events; --`, `back\\'slash`, `$$dollar$$`, 'ünï\ncode'];
    for (const text of hostile) {
      const runner = appDataSource.createQueryRunner();
      try {
        await runner.query('BEGIN');
        await runner.query(
          `${AuditStatement.appending({ actorId: null, actorRole: text, action: text, subjectId: text, outcome: 'success' }).sql}; COMMIT`,
        );
      } finally {
        await runner.release();
      }
    }
    const stored = await appDataSource.manager.find(AuditEventEntity, { order: { seq: 'DESC' }, take: hostile.length });
    expect(stored.map((row) => [row.action, row.actorRole, row.subjectId]).reverse()).toEqual(
      hostile.map((text) => [text, text, text]),
    );
    expect(await sut.verifyChain(appDataSource.manager)).toMatchObject({ intact: true });
  });

  it('refuses UPDATE and DELETE of audit events by the app role', async () => {
    await withPgClient(database.config.database.appUrl, async (client) => {
      await expect(client.query(`UPDATE audit_events SET outcome = 'failure'`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`DELETE FROM audit_events`)).rejects.toThrow(/permission denied/);
    });
  });

  it('refuses UPDATE of audit events even by the owner role (trigger)', async () => {
    await appendOne(0); // an event to refuse the change of, whichever test ran before
    const tail = await tailSeq();
    await withPgClient(database.config.database.ownerUrl, async (client) => {
      await expect(client.query(`UPDATE audit_events SET outcome = 'failure' WHERE seq = $1`, [tail])).rejects.toThrow(
        /append-only/,
      );
    });
  });

  it('names the edited event when a superuser tampers with a row', async () => {
    // Three events of this test's own; the middle one is edited, then put back, so the chain is
    // intact again for whatever test runs next.
    const before = await tailSeq();
    for (const index of [1, 2, 3]) await appendOne(index);
    const target = before + 2;
    const asSuperuser = (sql: string, values: unknown[]) =>
      withPgClient(database.config.database.ownerUrl, async (client) => {
        // A superuser can switch triggers off: the hash chain is what still catches the edit.
        await client.query(`SET session_replication_role = replica`);
        return (await client.query(sql, values)).rows[0] as { seq: string; id: string; outcome: string };
      });
    const original = await asSuperuser(`SELECT seq, id, outcome FROM audit_events WHERE seq = $1`, [target]);
    const tampered = await asSuperuser(
      `UPDATE audit_events SET outcome = 'failure' WHERE seq = $1 AND outcome <> 'failure' RETURNING seq, id`,
      [target],
    );
    try {
      expect(await sut.verifyChain(appDataSource.manager)).toEqual({
        intact: false,
        events: target - 1,
        brokenAt: { seq: String(target), id: tampered.id, reason: 'its content does not match its hash' },
      });
    } finally {
      await asSuperuser(`UPDATE audit_events SET outcome = $2 WHERE seq = $1 RETURNING seq`, [
        target,
        original.outcome,
      ]);
    }
    expect(await sut.verifyChain(appDataSource.manager)).toMatchObject({ intact: true });
  });
});
