import { JwtService } from '@nestjs/jwt';
import { expectClearError } from './support/error-answers.js';
import { signUpAndLogIn } from './support/factories.js';
import { TestApi } from './support/test-api.js';
import { claimsOf } from './support/tokens.js';

describe('what an access token must be', () => {
  let api: TestApi;
  let token: string;
  let jwt: JwtService;

  beforeAll(async () => {
    api = await TestApi.start();
    token = (await signUpAndLogIn(api)).token;
    jwt = api.app.get(JwtService, { strict: false });
  });
  afterAll(() => api.close());

  const me = (authorization: string) => api.request('GET', '/api/v1/me', { headers: { authorization } });

  it('accepts exactly "Bearer <token>" (any case of Bearer), and nothing around it', async () => {
    expect((await me(`Bearer ${token}`)).status).toBe(200);
    expect((await me(`bearer ${token}`)).status).toBe(200);
    for (const header of [`Bearer ${token} junk`, `Bearer ${token},x`, `Bearer  ${token}`, `Token ${token}`, token]) {
      expectClearError(await me(header), 401);
    }
  });

  it('refuses a token signed with our secret but without exp, for a live login session', async () => {
    const { sub, sid, sk } = claimsOf(token);
    const withoutExp = await jwt.signAsync({ sub, sid, sk, role: 'coach' });
    expect(claimsOf(withoutExp)).not.toHaveProperty('exp');
    expectClearError(await me(`Bearer ${withoutExp}`), 401);
    const withExp = await jwt.signAsync({ sub, sid, sk, role: 'coach' }, { expiresIn: 60 });
    expect((await me(`Bearer ${withExp}`)).status).toBe(200); // the same claims with exp pass
  });

  it.each([
    ['sid', { a: 1 }],
    ['sid', 42],
    ['sub', ['x']],
    ['sk', null],
    ['sk', 'short'],
    ['role', 'root'],
  ])('answers a token whose %s is %j with 401, not a 500', async (claim, value) => {
    const { sub, sid, sk } = claimsOf(token);
    const claims: Record<string, unknown> = { sub, sid, sk, role: 'coach', exp: Math.floor(Date.now() / 1000) + 60 };
    claims[claim] = value;
    const forged = await jwt.signAsync(claims);
    expectClearError(await me(`Bearer ${forged}`), 401);
  });
});
