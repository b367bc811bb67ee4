import { randomUUID } from 'node:crypto';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientAccess, ClientCipher } from '#haven/clients';
import { type AuthenticatedAccount, IdentityService } from '#haven/identity';
import { ConfigModule, DatabaseModule, RedisModule } from '#haven/platform';
import { migrateTestDatabase, signUpCoachAsCaller, withOwnerClient } from '#haven/testing';
import { RecordsModule } from './records.module.js';
import { RecordsService } from './records.service.js';

@Module({ imports: [ConfigModule, DatabaseModule, RedisModule, RecordsModule] })
class RecordsTestModule {}

/** RecordsService on this run's Postgres and Redis, no HTTP. */
describe('RecordsService on Postgres and Redis', () => {
  let app: INestApplicationContext;
  let caller: AuthenticatedAccount;
  let sut: RecordsService;
  let clientId: string;

  const session = {
    occurredAt: '2026-02-01T09:00:00Z',
    durationMinutes: 60,
    notes: 'v1',
    clientUnderInfluence: false,
    clientRegulatedAtClose: true,
  };

  beforeAll(async () => {
    await migrateTestDatabase();
    app = await NestFactory.createApplicationContext(RecordsTestModule, { logger: false });
    caller = await signUpCoachAsCaller(app.get(IdentityService));
    sut = app.get(RecordsService);

    // A client, written the way intake writes one.
    const access = app.get(ClientAccess);
    clientId = await access.run(
      caller,
      { action: 'test.intake', subjectId: null },
      async ({ tx, coachId, vaultKey }) => {
        const id = randomUUID();
        const { cipher, wrappedKey } = await ClientCipher.create(vaultKey, coachId, id);
        const seal = (column: string, value: string) => cipher.seal(`clients.${column}`, id, value);
        await tx.query(
          `INSERT INTO clients (id, coach_id, status, wrapped_key, full_name_enc, email_enc, date_of_birth_enc, screening_enc, supervision_sought_enc, created_at)
         VALUES ($1, $2, 'active', $3, $4, $5, $6, $7, $8, now())`,
          [
            id,
            coachId,
            wrappedKey,
            await seal('full_name_enc', 'N'),
            await seal('email_enc', 'e'),
            await seal('date_of_birth_enc', '1980-01-01'),
            await seal('screening_enc', '{}'),
            await seal('supervision_sought_enc', 'false'),
          ],
        );
        return id;
      },
    );
  });
  afterAll(() => app.close());

  it('CONF_RECORDS: 20 amendments at once become versions 2 to 21, each exactly once, none lost', async () => {
    const created = await sut.create(caller, clientId, session);
    const amended = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sut.amend(caller, created.id, { notes: `v${i + 2}?`, reason: `reason ${i}` }),
      ),
    );
    expect(amended.map((a) => a.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    const versions = await sut.versions(caller, created.id, { limit: 100, after: null, list: 'versions' });
    expect(versions.items.map((v) => v.version)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(versions.items[0]).toEqual(expect.objectContaining({ version: 1, notes: 'v1', reason: null }));
    expect((await sut.get(caller, created.id)).version).toBe(21);
  });

  it('a write that fails part-way (a follow-up that is not open) leaves no session, version or follow-up behind', async () => {
    const before = await withOwnerClient(
      async (db) =>
        (await db.query(`SELECT count(*)::int AS n FROM session_records WHERE client_id = $1`, [clientId])).rows[0].n,
    );
    const attempt = sut.create(caller, clientId, {
      ...session,
      clientUnderInfluence: true,
      addressesFollowUpIds: [randomUUID()],
    });
    await expect(attempt).rejects.toMatchObject({ statusCode: 409, code: 'FOLLOW_UP_NOT_OPEN' });
    await withOwnerClient(async (db) => {
      expect(
        (await db.query(`SELECT count(*)::int AS n FROM session_records WHERE client_id = $1`, [clientId])).rows[0].n,
      ).toBe(before);
      expect(
        (await db.query(`SELECT count(*)::int AS n FROM client_follow_ups WHERE client_id = $1`, [clientId])).rows[0].n,
      ).toBe(0);
    });
  });
});
