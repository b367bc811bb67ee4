import { randomBytes } from 'node:crypto';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Redis } from 'ioredis';
import { ConfigModule, DatabaseModule, REDIS, RedisModule } from '#haven/platform';
import { migrateTestDatabase, withOwnerClient } from '#haven/testing';
import type { AuthenticatedAccount } from './auth/authenticated-account.js';
import { IdentityModule } from './identity.module.js';
import { IdentityService } from './identity.service.js';

@Module({ imports: [ConfigModule, DatabaseModule, RedisModule, IdentityModule] })
class IdentityTestModule {}

const password = () => `Haven-${randomBytes(12).toString('base64url')}-pass`;

/** The real service on this run's Postgres and Redis, no HTTP. */
describe('IdentityService on Postgres and Redis', () => {
  let app: INestApplicationContext;
  let sut: IdentityService;

  beforeAll(async () => {
    await migrateTestDatabase();
    app = await NestFactory.createApplicationContext(IdentityTestModule, { logger: false });
    sut = app.get(IdentityService);
  });
  afterAll(() => app.close());

  const callerOf = (accessToken: string, role: AuthenticatedAccount['role'] = 'coach'): AuthenticatedAccount => {
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString());
    return {
      accountId: claims.sub,
      role,
      loginSessionId: claims.sid,
      loginSessionSecret: Buffer.from(claims.sk, 'base64url'),
    };
  };

  const signUp = async () => {
    const email = `svc-${randomBytes(4).toString('hex')}@example.test`;
    const secret = password();
    const { account, recoveryKey } = await sut.signupCoach({ email, password: secret, displayName: 'Svc Coach' });
    return { account, recoveryKey, email, password: secret };
  };

  it('stores the email normalised (trimmed, lower case, NFC) and the vault only wrapped', async () => {
    const local = `svc-${randomBytes(3).toString('hex')}`;
    const { account } = await sut.signupCoach({
      email: `  ${local.toUpperCase()}E\u0308@Example.TEST `,
      password: password(),
      displayName: 'Zoë',
    });
    expect(account.email).toBe(`${local}\u00eb@example.test`);
    const row = await withOwnerClient((db) => db.query(`SELECT * FROM accounts WHERE id = $1`, [account.id]));
    expect(row.rows[0].email).toBe(`${local}\u00eb@example.test`);
    expect(row.rows[0].vault_wrapped_by_password).toMatch(/^v1\./);
    expect(row.rows[0].vault_wrapped_by_recovery).toMatch(/^v1\./);
  });

  it('recovers with the recovery key: same vault key, a new recovery key, the used one refused', async () => {
    const coach = await signUp();
    const before = await sut.vaultKeyOf(callerOf((await sut.login(coach, '127.0.0.1')).accessToken));
    const newPassword = password();
    const { recoveryKey } = await sut.recover(
      { email: coach.email, recoveryKey: coach.recoveryKey, newPassword },
      '127.0.0.1',
    );
    expect(recoveryKey).not.toBe(coach.recoveryKey);
    const after = await sut.vaultKeyOf(
      callerOf((await sut.login({ email: coach.email, password: newPassword }, '127.0.0.1')).accessToken),
    );
    expect(after).toEqual(before);
    await expect(
      sut.recover({ email: coach.email, recoveryKey: coach.recoveryKey, newPassword: password() }, '127.0.0.1'),
    ).rejects.toMatchObject({ statusCode: 401, code: 'INVALID_RECOVERY' });
    const audit = await withOwnerClient((db) =>
      db.query(`SELECT outcome FROM audit_events WHERE actor_id = $1 AND action = 'auth.recover' ORDER BY seq`, [
        coach.account.id,
      ]),
    );
    expect(audit.rows.map((event) => event.outcome)).toEqual(['success', 'failure']);
  });

  it('tells a non-coach (403) from an ended login session (401) in vaultKeyOf', async () => {
    const coach = await signUp();
    const caller = callerOf((await sut.login(coach, '127.0.0.1')).accessToken);
    await expect(sut.vaultKeyOf({ ...caller, role: 'certifier' })).rejects.toMatchObject({
      statusCode: 403,
      code: 'VAULT_UNAVAILABLE',
    });
    await sut.logout(caller);
    await expect(sut.vaultKeyOf(caller)).rejects.toMatchObject({ statusCode: 401, code: 'SESSION_EXPIRED' });
  });

  // Last: it cuts this context's Redis connection.
  it('answers 503 LOGIN_SESSIONS_UNAVAILABLE from vaultKeyOf when Redis cannot be reached', async () => {
    const coach = await signUp();
    const caller = callerOf((await sut.login(coach, '127.0.0.1')).accessToken);
    app.get<Redis>(REDIS).disconnect();
    await expect(sut.vaultKeyOf(caller)).rejects.toMatchObject({ statusCode: 503, code: 'LOGIN_SESSIONS_UNAVAILABLE' });
  });
});
