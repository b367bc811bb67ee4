import { IdentityService } from '#haven/identity';
import { logIn, signUpCoach, strongPassword, uniqueEmail } from './support/factories.js';
import { TestApi } from './support/test-api.js';
import { vaultKeyOf } from './support/tokens.js';

describe('identity and the coach vault over HTTP', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(() => api.close());

  it('signs a coach up, shows the recovery key once, and logs them in', async () => {
    const password = strongPassword();
    const signup = await api.post('/api/v1/auth/signup', { email: uniqueEmail(), password, displayName: 'Ada Coach' });
    expect(signup.status).toBe(201);
    expect(signup.body.coach).toEqual({ id: expect.any(String), email: expect.any(String), displayName: 'Ada Coach' });
    expect(signup.body.recoveryKey).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/);

    const login = await api.post('/api/v1/auth/login', { email: signup.body.coach.email, password });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ accessToken: expect.any(String), expiresIn: 43200, role: 'coach' });

    const me = await api.get('/api/v1/me', login.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: signup.body.coach.id,
      email: signup.body.coach.email,
      displayName: 'Ada Coach',
      role: 'coach',
    });
  });

  it('refuses a second account with the same email, whatever its case (409)', async () => {
    const coach = await signUpCoach(api);
    const again = await api.post('/api/v1/auth/signup', {
      email: coach.email.toUpperCase(),
      password: strongPassword(),
      displayName: 'X',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EMAIL_TAKEN');
  });

  it('treats an email typed in composed and decomposed Unicode as one address: signup, login and throttle', async () => {
    const local = `zoe-${Date.now()}`;
    const composed = `${local}\u00eb@example.test`; // ë as one code point
    const decomposed = `${local}e\u0308@example.test`; // e, then a combining diaeresis
    expect(decomposed).not.toBe(composed);
    expect(decomposed.normalize('NFC')).toBe(composed);
    const coach = await signUpCoach(api, { email: decomposed.toUpperCase() });
    const again = await api.post('/api/v1/auth/signup', {
      email: composed,
      password: strongPassword(),
      displayName: 'X',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EMAIL_TAKEN');
    expect((await api.post('/api/v1/auth/login', { email: composed, password: coach.password })).status).toBe(200);
    for (let attempt = 0; attempt < 10; attempt++) {
      const typed = attempt % 2 === 0 ? composed : decomposed;
      expect((await api.post('/api/v1/auth/login', { email: typed, password: strongPassword() })).status).toBe(401);
    }
    expect((await api.post('/api/v1/auth/login', { email: decomposed, password: coach.password })).status).toBe(429);
  });

  it('answers an unknown email and a wrong password with the same 401', async () => {
    const coach = await signUpCoach(api);
    const wrongPassword = await api.post('/api/v1/auth/login', { email: coach.email, password: strongPassword() });
    const unknownEmail = await api.post('/api/v1/auth/login', { email: uniqueEmail(), password: coach.password });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(wrongPassword.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('lets only the right one of two 100-byte passwords that share their first 72 bytes log in', async () => {
    const shared = 'correct-horse-battery-staple-'.repeat(3).slice(0, 72);
    const right = shared + 'R'.repeat(28);
    const wrong = shared + 'W'.repeat(28);
    expect(Buffer.byteLength(right)).toBe(100);
    const coach = await signUpCoach(api, { password: right });
    expect((await api.post('/api/v1/auth/login', { email: coach.email, password: wrong })).status).toBe(401);
    expect((await api.post('/api/v1/auth/login', { email: coach.email, password: right })).status).toBe(200);
  });

  it('refuses short, overlong and common passwords with a reason', async () => {
    const tooShort = await api.post('/api/v1/auth/signup', {
      email: uniqueEmail(),
      password: 'Ab1!short',
      displayName: 'X',
    });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.message).toMatch(/password/);
    const tooLong = await api.post('/api/v1/auth/signup', {
      email: uniqueEmail(),
      password: 'x'.repeat(257),
      displayName: 'X',
    });
    expect(tooLong.status).toBe(400);
    const common = await api.post('/api/v1/auth/signup', {
      email: uniqueEmail(),
      password: 'password1234',
      displayName: 'X',
    });
    expect(common.status).toBe(400);
    expect(common.body.code).toBe('WEAK_PASSWORD');
  });

  it('ends the session at logout: the same token gets 401 at once', async () => {
    const coach = await signUpCoach(api);
    const token = await logIn(api, coach.email, coach.password);
    expect((await api.get('/api/v1/me', token)).status).toBe(200);
    expect((await api.post('/api/v1/auth/logout', undefined, token)).status).toBe(204);
    const after = await api.get('/api/v1/me', token);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('SESSION_EXPIRED');
  });

  it('changes the password: other sessions get 401, this one stays, only the new password logs in', async () => {
    const coach = await signUpCoach(api);
    const current = await logIn(api, coach.email, coach.password);
    const other = await logIn(api, coach.email, coach.password);
    const newPassword = strongPassword();

    const wrongCurrent = await api.post(
      '/api/v1/auth/password',
      { currentPassword: strongPassword(), newPassword },
      current,
    );
    expect(wrongCurrent.status).toBe(401);
    const changed = await api.post('/api/v1/auth/password', { currentPassword: coach.password, newPassword }, current);
    expect(changed.status).toBe(204);

    expect((await api.get('/api/v1/me', other)).status).toBe(401);
    expect((await api.get('/api/v1/me', current)).status).toBe(200);
    expect((await api.post('/api/v1/auth/login', { email: coach.email, password: coach.password })).status).toBe(401);
    expect((await api.post('/api/v1/auth/login', { email: coach.email, password: newPassword })).status).toBe(200);
  });

  it('keeps the same vault key through a password change and a recovery', async () => {
    const coach = await signUpCoach(api);
    const vaultKeyHex = async (token: string) => {
      const me = await api.get('/api/v1/me', token);
      expect(me.status).toBe(200);
      return Buffer.from(await vaultKeyOf(api, token)).toString('hex');
    };
    const original = await vaultKeyHex(await logIn(api, coach.email, coach.password));

    const changedPassword = strongPassword();
    const token = await logIn(api, coach.email, coach.password);
    expect(
      (
        await api.post(
          '/api/v1/auth/password',
          { currentPassword: coach.password, newPassword: changedPassword },
          token,
        )
      ).status,
    ).toBe(204);
    expect(await vaultKeyHex(await logIn(api, coach.email, changedPassword))).toBe(original);

    const recoveredPassword = strongPassword();
    const stillOpen = await logIn(api, coach.email, changedPassword);
    const recovery = await api.post('/api/v1/auth/recover', {
      email: coach.email,
      recoveryKey: coach.recoveryKey.toLowerCase().replaceAll('-', ' '),
      newPassword: recoveredPassword,
    });
    expect(recovery.status).toBe(200);
    expect((await api.get('/api/v1/me', stillOpen)).status).toBe(401);
    expect(await vaultKeyHex(await logIn(api, coach.email, recoveredPassword))).toBe(original);

    // The new recovery key opens the same vault.
    const again = strongPassword();
    const second = await api.post('/api/v1/auth/recover', {
      email: coach.email,
      recoveryKey: recovery.body.recoveryKey,
      newPassword: again,
    });
    expect(second.status).toBe(200);
    expect(await vaultKeyHex(await logIn(api, coach.email, again))).toBe(original);
  });

  it('hands out a new recovery key at recovery and retires the used one, even when two recoveries race', async () => {
    const coach = await signUpCoach(api);
    const recoverWith = (recoveryKey: string) =>
      api.post('/api/v1/auth/recover', { email: coach.email, recoveryKey, newPassword: strongPassword() });
    const raced = await Promise.all([recoverWith(coach.recoveryKey), recoverWith(coach.recoveryKey)]);
    const winners = raced.filter((answer) => answer.status === 200);
    expect(winners).toHaveLength(1);
    expect(raced.map((answer) => answer.status).sort()).toEqual([200, 401]);
    const { recoveryKey } = winners[0]!.body;
    expect(winners[0]!.body).toEqual({ recoveryKey: expect.stringMatching(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/) });
    expect(recoveryKey).not.toBe(coach.recoveryKey);

    const reused = await recoverWith(coach.recoveryKey);
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('INVALID_RECOVERY');
    expect((await recoverWith(recoveryKey)).status).toBe(200);
  });

  it('refuses recovery with a wrong recovery key and changes nothing', async () => {
    const coach = await signUpCoach(api);
    const answer = await api.post('/api/v1/auth/recover', {
      email: coach.email,
      recoveryKey: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA',
      newPassword: strongPassword(),
    });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('INVALID_RECOVERY');
    expect((await api.post('/api/v1/auth/login', { email: coach.email, password: coach.password })).status).toBe(200);
  });

  it('creates the platform admin once, who logs in with the admin role', async () => {
    const identity = api.app.get(IdentityService);
    const email = uniqueEmail('admin');
    const password = strongPassword();
    expect(await identity.ensureAdmin(email, password)).toBe('created');
    expect(await identity.ensureAdmin(email, password)).toBe('exists');
    const login = await api.post('/api/v1/auth/login', { email, password });
    expect(login.status).toBe(200);
    expect(login.body.role).toBe('admin');
    expect((await api.get('/api/v1/me', login.body.accessToken)).body.role).toBe('admin');
  });

  it('throttles an account after 10 failures, even for the right password, without touching other accounts', async () => {
    const coach = await signUpCoach(api);
    const neighbour = await signUpCoach(api);
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await api.post('/api/v1/auth/login', { email: coach.email, password: strongPassword() })).status).toBe(
        401,
      );
    }
    const throttled = await api.post('/api/v1/auth/login', { email: coach.email, password: coach.password });
    expect(throttled.status).toBe(429);
    expect(throttled.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      (await api.post('/api/v1/auth/login', { email: neighbour.email, password: neighbour.password })).status,
    ).toBe(200);
  });

  it('does not count successful logins toward the throttle', async () => {
    const coach = await signUpCoach(api);
    for (let attempt = 0; attempt < 12; attempt++) {
      expect((await api.post('/api/v1/auth/login', { email: coach.email, password: coach.password })).status).toBe(200);
    }
  });
});
