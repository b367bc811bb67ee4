import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AuthenticatedAccount, IdentityService } from '#haven/identity';
import { ConfigModule, DatabaseModule, HavenException, RedisModule } from '#haven/platform';
import { migrateTestDatabase, signUpCoachAsCaller, withOwnerClient } from '#haven/testing';
import { ClientAccess } from './client-access.js';
import { ClientsModule } from './clients.module.js';
import { ClientsService } from './clients.service.js';
import { ClientGoalsRepository } from './client-goals.repository.js';
import type { IntakeRequestDto } from './dto/intake.request.dto.js';

@Module({ imports: [ConfigModule, DatabaseModule, RedisModule, ClientsModule] })
class ClientsTestModule {}

const noRisk = { activelySuicidal: false, activeAddiction: false, activeSelfHarm: false, outsideCompetence: false };

/** The real services on this run's Postgres and Redis, no HTTP. */
describe('ClientAccess and ClientsService on Postgres and Redis', () => {
  let app: INestApplicationContext;
  let caller: AuthenticatedAccount;
  let sut: ClientAccess;
  let clients: ClientsService;

  beforeAll(async () => {
    await migrateTestDatabase();
    app = await NestFactory.createApplicationContext(ClientsTestModule, { logger: false });
    caller = await signUpCoachAsCaller(app.get(IdentityService));
    sut = app.get(ClientAccess);
    clients = app.get(ClientsService);
  });
  afterAll(() => app.close());

  const intake = (overrides: Partial<IntakeRequestDto> = {}) =>
    clients.intake(caller, {
      fullName: 'Int Client',
      email: 'c@example.test',
      dateOfBirth: '1980-01-01',
      screening: noRisk,
      ...overrides,
    });

  const auditOf = async (subjectId: string | null, action: string) =>
    withOwnerClient(async (db) =>
      (
        await db.query(
          `SELECT outcome FROM audit_events WHERE actor_id = $1 AND action = $2 AND subject_id IS NOT DISTINCT FROM $3 ORDER BY seq`,
          [caller.accountId, action, subjectId],
        )
      ).rows.map((row) => row.outcome),
    );

  it('rolls back everything the work wrote when it fails, then records the failure on its own', async () => {
    const client = await intake();
    const goals = app.get(ClientGoalsRepository);
    const failing = sut.run(caller, { action: 'test.failing', subjectId: client.id }, async (scope) => {
      await goals.insert(scope.tx, {
        id: client.id,
        coachId: scope.coachId,
        clientId: client.id,
        statementEnc: 'x',
        createdAt: new Date(),
      });
      throw new HavenException(409, 'TEST_CONFLICT', 'stop here');
    });
    await expect(failing).rejects.toMatchObject({ code: 'TEST_CONFLICT' });
    const stored = await withOwnerClient((db) =>
      db.query(`SELECT count(*)::int AS n FROM client_goals WHERE client_id = $1`, [client.id]),
    );
    expect(stored.rows[0].n).toBe(0);
    expect(await auditOf(client.id, 'test.failing')).toEqual(['failure']);
  });

  it('writes the success event in the same transaction as the work', async () => {
    const client = await intake();
    expect(await auditOf(client.id, 'client.intake')).toEqual(['success']);
    await clients.get(caller, client.id);
    expect(await auditOf(client.id, 'client.read')).toEqual(['success']);
  });

  it('turns a ciphertext that does not open into RECORD_UNREADABLE naming the row, and audits it as a failure', async () => {
    const first = await intake({ fullName: 'First' });
    const second = await intake({ fullName: 'Second' });
    await withOwnerClient((db) =>
      db.query(`UPDATE clients SET full_name_enc = (SELECT full_name_enc FROM clients WHERE id = $1) WHERE id = $2`, [
        first.id,
        second.id,
      ]),
    );
    const reading = clients.get(caller, second.id);
    await expect(reading).rejects.toMatchObject({
      statusCode: 422,
      code: 'RECORD_UNREADABLE',
      message: expect.stringContaining(second.id),
    });
    expect(await auditOf(second.id, 'client.read')).toEqual(['failure']);
  });

  it('SCOPE_MINOR: a refused intake writes no client and an audit event with no subject', async () => {
    const before = await withOwnerClient((db) =>
      db.query(`SELECT count(*)::int AS n FROM clients WHERE coach_id = $1`, [caller.accountId]),
    );
    await expect(intake({ dateOfBirth: '2015-06-01' })).rejects.toMatchObject({
      statusCode: 422,
      code: 'ETHICS_SCOPE_MINOR',
    });
    const after = await withOwnerClient((db) =>
      db.query(`SELECT count(*)::int AS n FROM clients WHERE coach_id = $1`, [caller.accountId]),
    );
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect(await auditOf(null, 'client.intake')).toEqual(['refused']);
  });

  it('crypto-shredding leaves a client that no use case can open', async () => {
    const client = await intake();
    await clients.delete(caller, client.id);
    const opening = sut.run(caller, { action: 'test.open', subjectId: client.id }, (scope) =>
      sut.openClient(scope, client.id),
    );
    await expect(opening).rejects.toMatchObject({ statusCode: 404 });
    await expect(clients.export(caller, client.id)).rejects.toMatchObject({ statusCode: 404 });
  });
});
