import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AuditEventEntity, Transactions } from '#haven/audit';
import { createIsolatedDatabase, type IsolatedDatabase, withPgClient } from '#haven/testing';
import { auditVerifyCommand } from '../apps/cli/src/commands/audit-verify.command.js';

async function runVerify(database: IsolatedDatabase): Promise<{ exitCode: number; printed: string }> {
  const printed: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
  const progress = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { exitCode: await auditVerifyCommand(database.config), printed: printed.join('\n') };
  } finally {
    log.mockRestore();
    progress.mockRestore();
  }
}

describe('cli audit:verify', () => {
  let database: IsolatedDatabase;

  beforeAll(async () => {
    database = await createIsolatedDatabase('auditcli');
    const dataSource = new DataSource({
      type: 'postgres',
      url: database.config.database.appUrl,
      entities: [AuditEventEntity],
    });
    await dataSource.initialize();
    const transactions = new Transactions(dataSource);
    for (let index = 0; index < 5; index++) {
      await transactions.transactionWithoutCoach((tx) =>
        tx.appendAudit({ actorId: null, actorRole: 'admin', action: `cli.test.${index}`, outcome: 'success' }),
      );
    }
    await dataSource.destroy();
  });
  afterAll(() => database.drop());

  it('reports an intact chain and exits 0', async () => {
    expect(await runVerify(database)).toEqual({ exitCode: 0, printed: 'audit:verify: chain intact, 5 events' });
  });

  it('names the first edited event and exits 1', async () => {
    const { rows } = await withPgClient(database.config.database.ownerUrl, async (owner) => {
      await owner.query(`SET session_replication_role = replica`);
      return owner.query(`UPDATE audit_events SET action = 'forged' WHERE seq = 3 RETURNING id`);
    });
    const result = await runVerify(database);
    expect(result.exitCode).toBe(1);
    expect(result.printed).toContain(`BROKEN at event seq=3 id=${rows[0].id}`);
  });
});
