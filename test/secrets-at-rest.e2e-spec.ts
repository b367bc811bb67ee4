import { randomBytes } from 'node:crypto';
import {
  DecryptionError,
  unlockVaultWithPassword,
  unlockVaultWithRecoveryKey,
  unwrapVaultKeyFromSession,
  Argon2Pool,
} from '#haven/crypto';
import { withOwnerClient } from '#haven/testing';
import { dumpDatabase, dumpRedis, readLogs } from './support/dumps.js';
import { logIn, signUpCoach, strongPassword } from './support/factories.js';
import { TestApi } from './support/test-api.js';
import { claimsOf, vaultKeyOf } from './support/tokens.js';

function encodings(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes);
  return [buffer.toString('hex'), buffer.toString('base64'), buffer.toString('base64url')];
}

describe('what a database dump and a Redis dump hold', () => {
  let api: TestApi;
  const pool = new Argon2Pool({ maxThreads: 1 });

  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(async () => {
    await api.close();
    await pool.destroy();
  });

  it('cannot recover the vault key from the coach row and the Redis session together', async () => {
    const coach = await signUpCoach(api);
    const token = await logIn(api, coach.email, coach.password);
    const claims = claimsOf(token);
    const vaultKey = await vaultKeyOf(api, token);

    // Everything the attacker has: the account row and every Redis value of the run.
    const row = await withOwnerClient(
      async (owner) => (await owner.query(`SELECT * FROM accounts WHERE id = $1`, [coach.id])).rows[0],
    );
    const redis = await dumpRedis();
    const sessionValue = [...redis.entries()].find(([key]) => key.endsWith(`:session:${claims.sid}`))?.[1];
    expect(sessionValue).toBeDefined();
    const stolen = JSON.stringify(row) + [...redis.values()].join('\n');

    // 1. The key itself is in neither, in any encoding.
    for (const encoded of encodings(vaultKey)) expect(stolen).not.toContain(encoded);

    // 2. The Redis copy is wrapped under the token's session secret, which neither dump holds.
    const wrappedInRedis = JSON.parse(sessionValue!).wrappedVaultKey as string;
    expect(stolen).not.toContain(claims.sk);
    const candidates = [...stolen.matchAll(/[A-Za-z0-9_-]{43}/g)].map((match) => Buffer.from(match[0], 'base64url'));
    expect(candidates.length).toBeGreaterThan(0);
    for (const candidate of candidates) {
      await expect(unwrapVaultKeyFromSession(wrappedInRedis, candidate, claims.sid, coach.id)).rejects.toThrow(
        DecryptionError,
      );
    }

    // 3. Even the right password and the right recovery key fail without the server's pepper,
    //    which lives in neither store: a dump cannot even be brute-forced offline.
    const guessedPepper = new Uint8Array(32);
    await expect(
      unlockVaultWithPassword({
        accountId: coach.id,
        password: coach.password,
        pepper: guessedPepper,
        pool,
        passwordWrap: { kdf: row.vault_kdf, wrappedKey: row.vault_wrapped_by_password },
      }),
    ).rejects.toThrow(DecryptionError);
    await expect(
      unlockVaultWithRecoveryKey({
        accountId: coach.id,
        recoveryKey: coach.recoveryKey,
        pepper: guessedPepper,
        recoveryWrappedKey: row.vault_wrapped_by_recovery,
      }),
    ).rejects.toThrow(DecryptionError);
  });

  it('never writes the password or the recovery key to Postgres, Redis or the logs', async () => {
    const sentinel = `SENTINEL${randomBytes(6).toString('hex')}`;
    const password = `${sentinel}-first-password`;
    const coach = await signUpCoach(api, { password });
    const token = await logIn(api, coach.email, password);
    await api.post('/api/v1/auth/login', { email: coach.email, password: `${sentinel}-wrong-guess` });
    const newPassword = `${sentinel}-second-password`;
    expect((await api.post('/api/v1/auth/password', { currentPassword: password, newPassword }, token)).status).toBe(
      204,
    );
    await logIn(api, coach.email, newPassword);
    const recoveryKeySentinel = coach.recoveryKey.replaceAll('-', '');

    const database = await dumpDatabase();
    expect(database).toContain(coach.id); // the dump is real and holds this coach
    const redis = [...(await dumpRedis()).entries()].flat().join('\n');
    expect(redis.length).toBeGreaterThan(0);
    const logs = readLogs();
    expect(logs).toContain('/api/v1/auth/login'); // the log file is real and saw these requests

    for (const [where, text] of Object.entries({ database, redis, logs })) {
      expect({ where, found: text.includes(sentinel) }).toEqual({ where, found: false });
      expect({ where, found: text.includes(coach.recoveryKey) || text.includes(recoveryKeySentinel) }).toEqual({
        where,
        found: false,
      });
    }
  });

  it('keeps login working after the sentinel checks (the password hash is not the password)', async () => {
    const password = strongPassword();
    const coach = await signUpCoach(api, { password });
    const row = await withOwnerClient(
      async (owner) => (await owner.query(`SELECT password_hash FROM accounts WHERE id = $1`, [coach.id])).rows[0],
    );
    expect(row.password_hash).toMatch(/^\$2[aby]\$12\$/);
    expect(row.password_hash).not.toContain(password);
  });
});
