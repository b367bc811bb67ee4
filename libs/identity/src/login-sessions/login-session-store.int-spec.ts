import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { DecryptionError } from '#haven/crypto';
import { type HavenConfig, RedisKeys } from '#haven/platform';
import { testConfig } from '#haven/testing';
import { LoginSessionStore } from './login-session-store.js';

/** The login-session store on this run's Redis, with a 1 s idle expiry and a 3 s absolute one. */
describe('LoginSessionStore on Redis', () => {
  let redis: Redis;
  let sut: LoginSessionStore;

  beforeAll(() => {
    const config = testConfig();
    redis = new Redis(config.redis.url);
    const keys = new RedisKeys(`${config.redis.prefix}-login-sessions-${randomBytes(3).toString('hex')}`);
    const lifetimes = { auth: { sessionIdleSeconds: 1, sessionAbsoluteSeconds: 3 } } as unknown as HavenConfig;
    sut = new LoginSessionStore(redis, keys, lifetimes);
  });
  afterAll(() => redis.quit());

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const vaultKey = () => new Uint8Array(randomBytes(32));

  it('opens a login session whose vault key only its own secret unwraps', async () => {
    const accountId = randomUUID();
    const key = vaultKey();
    const opened = await sut.open(accountId, 'coach', key);
    const active = await sut.touch(opened.loginSessionId, accountId);
    expect(active).toMatchObject({ loginSessionId: opened.loginSessionId, accountId, role: 'coach' });
    expect(active!.wrappedVaultKey).not.toContain(Buffer.from(key).toString('base64url'));
    expect(await sut.vaultKey(opened.loginSessionId, accountId, opened.loginSessionSecret)).toEqual(key);
    const otherSecret = new Uint8Array(randomBytes(32));
    await expect(sut.vaultKey(opened.loginSessionId, accountId, otherSecret)).rejects.toBeInstanceOf(DecryptionError);
    expect(await sut.touch(opened.loginSessionId, randomUUID())).toBeNull(); // another account's id
  });

  it('ends after the idle time unless touched, and at the absolute time even when touched', async () => {
    const accountId = randomUUID();
    const idle = await sut.open(accountId, 'coach', vaultKey());
    const busy = await sut.open(accountId, 'coach', vaultKey());
    for (let i = 0; i < 4; i++) {
      await sleep(600);
      expect(await sut.touch(busy.loginSessionId, accountId)).not.toBeNull();
    }
    expect(await sut.touch(idle.loginSessionId, accountId)).toBeNull();
    await sleep(1000);
    expect(await sut.touch(busy.loginSessionId, accountId)).toBeNull(); // past 3 s absolute
  }, 15_000);

  it("ends one, or all but one, of an account's login sessions", async () => {
    const accountId = randomUUID();
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => sut.open(accountId, 'certifier', null)));
    await sut.end(a!.loginSessionId, accountId);
    expect(await sut.touch(a!.loginSessionId, accountId)).toBeNull();
    await sut.endAllExcept(accountId, c!.loginSessionId);
    expect(await sut.touch(b!.loginSessionId, accountId)).toBeNull();
    expect(await sut.touch(c!.loginSessionId, accountId)).toMatchObject({ role: 'certifier', wrappedVaultKey: null });
  });
});
