import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { testConfig } from '#haven/testing';
import { seedCertification } from './support/certification.js';
import { dumpDatabase, readLogs } from './support/dumps.js';
import { createClient, intakeBody, recordSession, signUpAndLogIn } from './support/factories.js';
import { TestApi } from './support/test-api.js';

/** Every value under `prefix`, read by type (DUMP alone may hide text behind LZF compression). */
async function readRedis(redis: Redis, prefix: string): Promise<{ keys: string[]; text: string }> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  const parts: string[] = [];
  for (const key of keys) {
    parts.push(key);
    const type = await redis.type(key);
    if (type === 'string') parts.push((await redis.get(key)) ?? '');
    else if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
    else if (type === 'set') parts.push(...(await redis.smembers(key)));
    else if (type === 'list') parts.push(...(await redis.lrange(key, 0, -1)));
    else if (type === 'zset') parts.push(...(await redis.zrange(key, '0', '-1')));
    else if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
    const dumped = await redis.dumpBuffer(key);
    if (dumped) parts.push(dumped.toString('latin1'));
  }
  return { keys, text: parts.join('\n') };
}

describe('CONF_COACH_ONLY: no confidential plaintext in a database dump, a Redis dump or the logs', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(() => api.close());

  it('CONF_COACH_ONLY: sentinels written through every client and record route appear nowhere at rest', async () => {
    const tag = randomBytes(8).toString('hex');
    const sentinel = {
      name: `NameSentinel${tag}`,
      email: `mailsentinel${tag}@example.test`,
      minorName: `MinorSentinel${tag}`,
      notes: `NotesSentinel${tag}`,
      amendedNotes: `AmendedSentinel${tag}`,
      reason: `ReasonSentinel${tag}`,
      goal: `GoalSentinel${tag}`,
      supervisor: `SupervisorSentinel${tag}`,
      supervisionNotes: `SupervisionSentinel${tag}`,
      followUpNote: `FollowUpSentinel${tag}`,
      badInput: `BadInputSentinel${tag}`,
    };
    const coach = await signUpAndLogIn(api);
    const { token } = coach;

    const refused = await api.post(
      '/api/v1/clients',
      intakeBody({ fullName: sentinel.minorName, dateOfBirth: '2020-01-01' }),
      token,
    );
    expect(refused.status).toBe(422);
    const client = await createClient(api, token, { fullName: sentinel.name, email: sentinel.email });
    const session = await recordSession(api, token, client.id, {
      notes: sentinel.notes,
      clientRegulatedAtClose: false,
    });
    const amended = await api.post(
      `/api/v1/sessions/${session.id}/amendments`,
      { notes: sentinel.amendedNotes, reason: sentinel.reason },
      token,
    );
    expect(amended.status).toBe(201);
    expect((await api.post(`/api/v1/clients/${client.id}/goals`, { statement: sentinel.goal }, token)).status).toBe(
      201,
    );
    const supervision = {
      supervisedOn: '2026-01-02',
      supervisor: sentinel.supervisor,
      notes: sentinel.supervisionNotes,
    };
    expect((await api.post(`/api/v1/clients/${client.id}/supervision`, supervision, token)).status).toBe(201);
    const followUp = `/api/v1/clients/${client.id}/follow-ups/${session.openFollowUps[0].id}/addressed`;
    expect((await api.post(followUp, { note: sentinel.followUpNote }, token)).status).toBe(200);
    // Bad input carrying a sentinel: the error must not echo it, and nothing may log it.
    const bad = await api.post(
      `/api/v1/clients/${client.id}/sessions`,
      { notes: sentinel.badInput, durationMinutes: 'x' },
      token,
    );
    expect(bad.status).toBe(400);
    expect(bad.text).not.toContain(sentinel.badInput);

    // Every read path, so that reads get their chance to leak too.
    const exported = await api.get(`/api/v1/clients/${client.id}/export`, token);
    expect(exported.text).toContain(sentinel.followUpNote);
    for (const path of [
      '/clients',
      `/clients/${client.id}`,
      `/clients/${client.id}/sessions`,
      `/sessions/${session.id}`,
      `/sessions/${session.id}/versions`,
      `/clients/${client.id}/goals`,
      `/clients/${client.id}/supervision`,
      '/me/give-back',
    ]) {
      expect((await api.get(`/api/v1${path}`, token)).status).toBe(200);
    }
    // The same coach certified, reminded by a sweep, sampled (CERT_*): certification rows, its job
    // data and its answers to the certifier hold nothing of the client.
    const { certifier } = await seedCertification(api, coach);
    for (const path of ['/body/certifications', `/body/certifications/${coach.id}`, '/body/certifications.csv']) {
      const answer = await api.get(`/api/v1${path}`, certifier.token);
      expect(answer.status).toBe(200);
      for (const value of Object.values(sentinel)) expect(answer.text).not.toContain(value);
    }
    expect((await api.get('/api/v1/me/certification', token)).status).toBe(200);

    const dump = await dumpDatabase();
    // The dump holds this run's data (it is not empty): the client and its ciphertext are there.
    expect(dump).toContain(client.id);
    expect(dump).toContain(session.id);
    expect(dump).toMatch(/v1\.ck1\./);
    expect(dump).toContain('renewal_reminders');

    const config = testConfig();
    const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 2 });
    const stored = await readRedis(redis, config.redis.prefix).finally(() => redis.quit());
    // The coach's live session is in Redis: the scan reads real keys.
    expect(stored.keys.length).toBeGreaterThan(0);
    expect(stored.text).toContain(coach.id);

    const logs = readLogs();
    expect(logs).toContain(`/api/v1/sessions/${session.id}`);

    for (const [what, value] of Object.entries(sentinel)) {
      expect({ what, inDump: dump.includes(value) }).toEqual({ what, inDump: false });
      expect({ what, inRedis: stored.text.includes(value) }).toEqual({ what, inRedis: false });
      expect({ what, inLogs: logs.includes(value) }).toEqual({ what, inLogs: false });
    }
  });
});
