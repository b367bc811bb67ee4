import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Transactions } from '#haven/audit';
import { MAIL_QUEUE, MailOutbox } from '#haven/mail';
import { testConfig, withOwnerClient } from '#haven/testing';
import { seedCertification } from './support/certification.js';
import { dumpDatabase, readLogs } from './support/dumps.js';
import { signingTokenHash } from '#haven/crypto';
import { createRelease, linkTokenSentTo } from './support/releases.js';
import { startTestWorker, type TestWorker, waitForMail, waitUntil } from './support/mail.js';
import {
  createClient,
  createProvider,
  intakeBody,
  monthsAgo,
  recordSession,
  signUpAndLogIn,
} from './support/factories.js';
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
  // Delivers the signing-link emails this suite reads from the outbox.
  let worker: TestWorker;

  beforeAll(async () => {
    api = await TestApi.start();
    worker = await startTestWorker();
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

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
      recipient: `RecipientSentinel${tag}`,
      recipientOrganization: `OrganisationSentinel${tag}`,
      recipientContact: `ContactSentinel${tag}`,
      purpose: `PurposeSentinel${tag}`,
      informationScope: `ScopeSentinel${tag}`,
      signerName: `SignerSentinel${tag}`,
      userAgent: `AgentSentinel${tag}`,
      disclosed: `DisclosedSentinel${tag}`,
      courtOrder: `CourtOrderSentinel${tag}`,
      vettingNotes: `VettingNotesSentinel${tag}`,
      revettingNotes: `RevettingNotesSentinel${tag}`,
      referralReason: `ReferralReasonSentinel${tag}`,
      endExplanation: `EndExplanationSentinel${tag}`,
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
    // A release signed through its link, and a disclosure under it (issue 8).
    const release = await createRelease(api, token, client.id, {
      recipientName: sentinel.recipient,
      recipientOrganization: sentinel.recipientOrganization,
      recipientContact: sentinel.recipientContact,
      purpose: sentinel.purpose,
      informationScope: sentinel.informationScope,
    });
    const linkToken = await linkTokenSentTo(sentinel.email);
    expect((await api.post('/api/v1/public/releases/open', { token: linkToken })).status).toBe(200);
    const signed = await api.request('POST', '/api/v1/public/releases/sign', {
      body: {
        token: linkToken,
        signerName: sentinel.signerName,
        consentToElectronicSignature: true,
        intentToSign: true,
      },
      headers: { 'user-agent': sentinel.userAgent },
    });
    expect(signed.status).toBe(200);
    const disclosure = await api.post(
      `/api/v1/clients/${client.id}/disclosures`,
      { recipientName: sentinel.recipient, description: sentinel.disclosed, releaseId: release.id },
      token,
    );
    expect(disclosure.status).toBe(201);
    const courtOrder = {
      recipientName: 'County Court',
      description: sentinel.disclosed,
      courtOrderReference: sentinel.courtOrder,
    };
    expect((await api.post(`/api/v1/clients/${client.id}/disclosures`, courtOrder, token)).status).toBe(201);
    expect((await api.post('/api/v1/public/releases/pdf', { token: linkToken })).status).toBe(200);

    // Bad input carrying a sentinel: the error must not echo it, and nothing may log it.
    const bad = await api.post(
      `/api/v1/clients/${client.id}/sessions`,
      { notes: sentinel.badInput, durationMinutes: 'x' },
      token,
    );
    expect(bad.status).toBe(400);
    expect(bad.text).not.toContain(sentinel.badInput);

    // Issue 9: vetting notes (vault key), a referral reason and an end explanation (client key).
    const provider = await createProvider(api, token, { vettingNotes: sentinel.vettingNotes });
    const revetting = { vettedOn: monthsAgo(0), notes: sentinel.revettingNotes };
    expect((await api.post(`/api/v1/providers/${provider.id}/vettings`, revetting, token)).status).toBe(201);
    const referred = await createClient(api, token, {
      screening: { ...intakeBody().screening, outsideCompetence: true },
    });
    const referral = { providerId: provider.id, reason: sentinel.referralReason };
    expect((await api.post(`/api/v1/clients/${referred.id}/referrals`, referral, token)).status).toBe(201);
    const ending = { explanation: sentinel.endExplanation, referralProviderId: provider.id };
    expect((await api.post(`/api/v1/clients/${client.id}/end`, ending, token)).status).toBe(200);

    // Every read path, so that reads get their chance to leak too.
    const exported = await api.get(`/api/v1/clients/${client.id}/export`, token);
    expect(exported.text).toContain(sentinel.followUpNote);
    expect(exported.text).toContain(sentinel.endExplanation);
    for (const path of [
      '/clients',
      `/clients/${client.id}`,
      `/clients/${client.id}/sessions`,
      `/sessions/${session.id}`,
      `/sessions/${session.id}/versions`,
      `/clients/${client.id}/goals`,
      `/clients/${client.id}/supervision`,
      '/me/give-back',
      `/clients/${client.id}/releases`,
      `/releases/${release.id}`,
      `/releases/${release.id}/pdf`,
      `/clients/${client.id}/disclosures`,
      '/providers',
      `/providers/${provider.id}`,
      `/clients/${referred.id}/referrals`,
      `/clients/${referred.id}/export`,
      `/clients/${client.id}/referrals`,
      '/me/close-practice',
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
    // Only the signing token's hash is stored; the token itself is nowhere at rest (below).
    expect(dump).toContain(signingTokenHash(linkToken));
    expect(dump).toContain('renewal_reminders');

    const config = testConfig();
    const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 2 });
    const stored = await readRedis(redis, config.redis.prefix).finally(() => redis.quit());
    // The coach's live session is in Redis: the scan reads real keys.
    expect(stored.keys.length).toBeGreaterThan(0);
    expect(stored.text).toContain(coach.id);

    const logs = readLogs();
    expect(logs).toContain(`/api/v1/sessions/${session.id}`);

    for (const [what, value] of Object.entries({ ...sentinel, linkToken })) {
      expect({ what, inDump: dump.includes(value) }).toEqual({ what, inDump: false });
      expect({ what, inRedis: stored.text.includes(value) }).toEqual({ what, inRedis: false });
      expect({ what, inLogs: logs.includes(value) }).toEqual({ what, inLogs: false });
    }
  });

  it('CONF_COACH_ONLY: mail sent, and mail still queued, leave no address, subject or text in a dump, Redis or the logs', async () => {
    const config = testConfig();
    const tag = randomBytes(8).toString('hex');
    const sent = { to: `sentmail${tag}@example.test`, subject: `SentSubject${tag}`, text: `SentText${tag}` };
    const queued = { to: `queuedmail${tag}@example.test`, subject: `QueuedSubject${tag}`, text: `QueuedText${tag}` };
    // The real worker, on a Redis prefix of this test's own (under the run's, so the scan reads it):
    // pausing its queue leaves the second message queued, encrypted in the outbox, its job in Redis.
    const scanWorker = await startTestWorker({ REDIS_PREFIX: `${config.redis.prefix}-scan-${tag}` });
    try {
      const outbox = scanWorker.context.get(MailOutbox, { strict: false });
      const transactions = scanWorker.context.get(Transactions, { strict: false });
      const mailQueue = scanWorker.context.get<Queue>(getQueueToken(MAIL_QUEUE), { strict: false });
      await transactions.transactionWithoutCoach((tx) => outbox.queue(tx, `scan-sent:${tag}`, sent));
      expect(await waitForMail((mail) => mail.messageKey === `scan-sent:${tag}`)).toEqual(
        expect.objectContaining(sent),
      );
      await waitUntil(async () => (await outboxRow(`scan-sent:${tag}`))?.sent_at != null);
      await mailQueue.pause();
      await transactions.transactionWithoutCoach((tx) => outbox.queue(tx, `scan-queued:${tag}`, queued));
      expect(await mailQueue.getJobCounts('waiting')).toEqual({ waiting: 1 });

      const dump = await dumpDatabase();
      expect(dump).toContain(`scan-sent:${tag}`);
      expect(dump).toContain(`scan-queued:${tag}`);
      expect(dump).toMatch(/v1\.outbox-v1\./);
      const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 2 });
      const stored = await readRedis(redis, config.redis.prefix).finally(() => redis.quit());
      const queuedRow = await outboxRow(`scan-queued:${tag}`);
      expect(stored.text).toContain(`mail-${queuedRow.id}`);
      const logs = readLogs();
      expect(logs).toContain(`scan-sent:${tag}`);

      for (const [what, value] of Object.entries({ ...prefixed('sent', sent), ...prefixed('queued', queued) })) {
        expect({ what, inDump: dump.includes(value) }).toEqual({ what, inDump: false });
        expect({ what, inRedis: stored.text.includes(value) }).toEqual({ what, inRedis: false });
        expect({ what, inLogs: logs.includes(value) }).toEqual({ what, inLogs: false });
      }
    } finally {
      await scanWorker.close();
    }
  });
});

function outboxRow(messageKey: string) {
  return withOwnerClient(
    async (db) => (await db.query(`SELECT * FROM mail_outbox WHERE message_key = $1`, [messageKey])).rows[0],
  );
}

function prefixed(prefix: string, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [`${prefix}.${key}`, value]));
}
