import { execFileSync } from 'node:child_process';
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyDetached } from '#haven/crypto';
import { Queue, QueueEvents } from 'bullmq';
import {
  EXPIRE_RELEASES,
  RELEASES_QUEUE,
  ReleaseExpirySweep,
  ReleasesJobsModule,
  verifySealedEvidence,
} from '#haven/releases';
import { testConfig, withOwnerClient } from '#haven/testing';
import { expectClearError } from './support/error-answers.js';
import { createClient, signUpAndLogIn, type LoggedInCoach, uniqueEmail } from './support/factories.js';
import {
  clientWithRelease,
  createRelease,
  daysFromToday,
  expireToday,
  linkTokenSentTo,
  releaseBody,
  signRelease,
  trySign,
} from './support/releases.js';
import { startTestWorker, type TestWorker } from './support/mail.js';
import { TestApi } from './support/test-api.js';

const OPEN = '/api/v1/public/releases/open';
const SIGN = '/api/v1/public/releases/sign';
const PDF = '/api/v1/public/releases/pdf';
const REVOKE = '/api/v1/public/releases/revoke';

/** The text of a PDF, as pdftotext reads it (a PDF it cannot parse fails the test). */
function pdfText(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'haven-release-pdf-'));
  const file = join(dir, 'release.pdf');
  writeFileSync(file, bytes);
  execFileSync('qpdf', ['--check', file], { stdio: 'pipe' });
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

async function pdfOf(response: Response): Promise<{ type: string | null; disposition: string | null; text: string }> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    text: pdfText(bytes),
  };
}

/** Node's own Ed25519 (no libsodium): the raw 32-byte public key wrapped as SPKI DER. */
function verifyWithNodeCrypto(publicKeyBase64: string, message: string, signatureBase64: string): boolean {
  const raw = Buffer.from(publicKeyBase64, 'base64');
  const der = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
  const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
  return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signatureBase64, 'base64'));
}

describe('releases: drafting, the signing link, sealing and revocation (CONF_RELEASE)', () => {
  let api: TestApi;
  // Delivers the signing-link emails this suite reads from the outbox.
  let worker: TestWorker;
  let coach: LoggedInCoach;

  beforeAll(async () => {
    api = await TestApi.start();
    worker = await startTestWorker();
    coach = await signUpAndLogIn(api);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const newRelease = (overrides: Record<string, unknown> = {}) => clientWithRelease(api, coach.token, overrides);

  it('CONF_RELEASE drafts a release, emails a link with a 256-bit token, and never shows the token to the coach', async () => {
    const email = uniqueEmail('client');
    const client = await createClient(api, coach.token, { email });
    const body = releaseBody();
    const created = await api.post(`/api/v1/clients/${client.id}/releases`, body, coach.token);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), status: 'pending_signature' });
    const linkToken = await linkTokenSentTo(email);
    expect(Buffer.from(linkToken, 'base64url')).toHaveLength(32);

    const list = await api.get(`/api/v1/clients/${client.id}/releases`, coach.token);
    const one = await api.get(`/api/v1/releases/${created.body.id}`, coach.token);
    const exported = await api.get(`/api/v1/clients/${client.id}/export`, coach.token);
    for (const answer of [created, list, one, exported]) expect(answer.text).not.toContain(linkToken);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: created.body.id,
        status: 'pending_signature',
        recipientName: body.recipientName,
        informationScope: body.informationScope,
        expiresOn: body.expiresOn,
        history: [{ step: 'sent', at: expect.any(String) }],
      }),
    ]);
    expect(one.body).toMatchObject({ id: created.body.id, status: 'pending_signature', evidence: null, seal: null });
    expect(exported.body.releases).toHaveLength(1);
  });

  it.each(['recipientName', 'recipientOrganization', 'recipientContact', 'purpose', 'informationScope', 'expiresOn'])(
    'CONF_RELEASE refuses a release without %s with a 400 naming it, and stores nothing',
    async (field) => {
      const client = await createClient(api, coach.token);
      const body: Record<string, unknown> = releaseBody();
      delete body[field];
      const answer = await api.post(`/api/v1/clients/${client.id}/releases`, body, coach.token);
      expectClearError(answer, 400);
      expect(answer.body.message).toContain(field);
      expect((await api.get(`/api/v1/clients/${client.id}/releases`, coach.token)).body.items).toEqual([]);
    },
  );

  it.each([
    ['today', 0],
    ['yesterday', -1],
  ])('CONF_RELEASE refuses an expiresOn of %s (400 naming expiresOn)', async (_when, days) => {
    const client = await createClient(api, coach.token);
    const answer = await api.post(
      `/api/v1/clients/${client.id}/releases`,
      releaseBody({ expiresOn: daysFromToday(days) }),
      coach.token,
    );
    expectClearError(answer, 400);
    expect(answer.body.message).toContain('expiresOn');
  });

  it('CONF_RELEASE: the signer opens the frozen text without any login, and the first open is a step', async () => {
    const { releaseId, body, linkToken } = await newRelease();
    const opened = await api.post(OPEN, { token: linkToken });
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual({
      status: 'pending_signature',
      releaseId,
      templateVersion: 'release-v1',
      consentVersion: 'e-consent-v1',
      consentText: expect.stringContaining('electronic'),
      documentText: expect.stringContaining(body.informationScope),
      documentSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      recipientName: body.recipientName,
      recipientOrganization: body.recipientOrganization,
      recipientContact: body.recipientContact,
      purpose: body.purpose,
      informationScope: body.informationScope,
      expiresOn: body.expiresOn,
      signerName: null,
      signedAt: null,
      revokedAt: null,
    });
    // The statements a valid written authorization needs.
    expect(opened.body.documentText).toMatch(/revoke this release at any time, in writing/);
    expect(opened.body.documentText).toMatch(/coaching does not depend on signing/);
    expect(opened.body.documentText).toMatch(/recipient may share the information again/);
    await api.post(OPEN, { token: linkToken });
    const history = (await api.get(`/api/v1/releases/${releaseId}`, coach.token)).body.history;
    expect(history.map((step: { step: string }) => step.step)).toEqual(['sent', 'opened']);
  });

  it('CONF_RELEASE: missing consent or intent is 400 naming the field, and nothing is signed', async () => {
    const { releaseId, linkToken } = await newRelease();
    for (const [field, value] of [
      ['consentToElectronicSignature', false],
      ['intentToSign', false],
      ['consentToElectronicSignature', undefined],
      ['intentToSign', 'yes'],
    ] as const) {
      const body: Record<string, unknown> = {
        token: linkToken,
        signerName: 'Sam Rivera',
        consentToElectronicSignature: true,
        intentToSign: true,
        [field]: value,
      };
      if (value === undefined) delete body[field];
      const answer = await api.post(SIGN, body);
      expectClearError(answer, 400);
      expect(answer.body.message).toContain(field);
    }
    expect((await api.get(`/api/v1/releases/${releaseId}`, coach.token)).body.status).toBe('pending_signature');
  });

  it('CONF_RELEASE signs once: sealed evidence verifies with the published key (Node crypto), a second signature is 409', async () => {
    const { releaseId, linkToken, body } = await newRelease();
    expect((await api.post(OPEN, { token: linkToken })).status).toBe(200);
    const signerName = `Sam Rivera ${randomBytes(3).toString('hex')}`;
    const signed = await api.request('POST', SIGN, {
      body: { token: linkToken, signerName, consentToElectronicSignature: true, intentToSign: true },
      headers: { 'user-agent': 'HavenTest/1.0' },
    });
    expect(signed.status).toBe(200);
    expect(signed.body).toEqual({ status: 'signed' });
    expectClearError(await trySign(api, linkToken, signerName), 409, 'RELEASE_ALREADY_SIGNED');

    const release = (await api.get(`/api/v1/releases/${releaseId}`, coach.token)).body;
    expect(release).toMatchObject({ status: 'signed', signedAt: expect.any(String), revokedAt: null });
    const evidence = JSON.parse(release.evidence);
    const opened = (await api.post(OPEN, { token: linkToken })).body;
    expect(evidence).toMatchObject({
      releaseId,
      documentSha256: opened.documentSha256,
      templateVersion: 'release-v1',
      consentVersion: 'e-consent-v1',
      signerName,
      userAgent: 'HavenTest/1.0',
    });
    expect(evidence.steps.map((step: { step: string }) => step.step)).toEqual([
      'sent',
      'opened',
      'consent_accepted',
      'signed',
    ]);
    expect(opened).toMatchObject({ status: 'signed', signerName, signedAt: release.signedAt });
    expect(opened.documentText).toContain(body.recipientName);

    const sealKey = (await api.get('/api/v1/public/seal-key')).body;
    expect(sealKey).toEqual({ algorithm: 'Ed25519', publicKey: expect.any(String), keyId: release.sealKeyId });
    const libsodiumKey = Buffer.from(sealKey.publicKey, 'base64').toString('base64url');
    expect(verifyWithNodeCrypto(sealKey.publicKey, release.evidence, release.seal)).toBe(true);
    expect(await verifyDetached(libsodiumKey, release.evidence, release.seal)).toBe(true);
    // One changed byte of the evidence, and neither verifies.
    const tampered = release.evidence.replace(
      signerName,
      `${signerName.slice(0, -1)}${signerName.endsWith('a') ? 'b' : 'a'}`,
    );
    expect(tampered).not.toBe(release.evidence);
    expect(verifyWithNodeCrypto(sealKey.publicKey, tampered, release.seal)).toBe(false);
    expect(await verifyDetached(libsodiumKey, tampered, release.seal)).toBe(false);
    // The offline verifier (what `releases:verify` runs) accepts it, and names the seal as broken.
    expect(verifySealedEvidence(release, sealKey, opened.documentText)).toMatchObject({ valid: true });
    const broken = verifySealedEvidence({ ...release, evidence: tampered }, sealKey);
    expect(broken.valid).toBe(false);
    expect(broken.checks).toContainEqual(expect.objectContaining({ name: 'seal', ok: false }));
  });

  it('CONF_RELEASE: ten simultaneous signatures with one token: exactly one is accepted, the rest 409', async () => {
    const { releaseId, linkToken } = await newRelease();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => trySign(api, linkToken, `Signer ${i}`)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, ...Array<number>(9).fill(409)]);
    const release = (await api.get(`/api/v1/releases/${releaseId}`, coach.token)).body;
    expect(release.history.filter((step: { step: string }) => step.step === 'signed')).toHaveLength(1);
  });

  it('CONF_RELEASE: coach and signer download a valid PDF holding the recipient and the signer name', async () => {
    const { releaseId, linkToken, body } = await newRelease();
    const unsigned = await api.post(PDF, { token: linkToken });
    expectClearError(unsigned, 409, 'RELEASE_NOT_SIGNED');
    await signRelease(api, linkToken, 'Samantha Rivera');

    const signerCopy = await pdfOf(
      await fetch(`${api.baseUrl}${PDF}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: linkToken }),
      }),
    );
    const coachCopy = await pdfOf(
      await fetch(`${api.baseUrl}/api/v1/releases/${releaseId}/pdf`, {
        headers: { authorization: `Bearer ${coach.token}` },
      }),
    );
    for (const copy of [signerCopy, coachCopy]) {
      expect(copy.type).toBe('application/pdf');
      expect(copy.disposition).toMatch(/^attachment; filename="release-[0-9a-f-]+\.pdf"$/);
      expect(copy.text).toContain(body.recipientName);
      expect(copy.text).toContain('Samantha Rivera');
    }
  });

  it('CONF_RELEASE: the client revokes from the same link; signing after that is 410, the coach sees when', async () => {
    const { releaseId, linkToken } = await newRelease();
    await signRelease(api, linkToken);
    const revoked = await api.post(REVOKE, { token: linkToken });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ status: 'revoked' });
    expect((await api.post(REVOKE, { token: linkToken })).body).toEqual({ status: 'revoked' });
    expect((await api.post(OPEN, { token: linkToken })).body).toMatchObject({
      status: 'revoked',
      revokedAt: expect.any(String),
    });
    const list = (await api.get(`/api/v1/releases/${releaseId}`, coach.token)).body;
    expect(list).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expect(list.history.map((step: { step: string }) => step.step)).toEqual([
      'sent',
      'consent_accepted',
      'signed',
      'revoked',
    ]);

    const pending = await newRelease();
    expect((await api.post(REVOKE, { token: pending.linkToken })).status).toBe(200);
    expectClearError(await trySign(api, pending.linkToken), 410, 'RELEASE_REVOKED');
  });

  it('CONF_RELEASE: an unknown token and an unsigned link past its 7 days answer the same 404', async () => {
    const unknown = await api.post(OPEN, { token: randomBytes(32).toString('base64url') });
    expectClearError(unknown, 404, 'RELEASE_LINK_NOT_FOUND');
    expect((await api.post(OPEN, { token: 'not even a token' })).body).toEqual(unknown.body);

    const { releaseId, linkToken } = await newRelease();
    await withOwnerClient((db) =>
      db.query(`UPDATE releases SET link_expires_at = now() - interval '1 second' WHERE id = $1`, [releaseId]),
    );
    for (const path of [OPEN, PDF, REVOKE]) {
      const answer = await api.post(path, { token: linkToken });
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 404, body: unknown.body });
    }
    expect((await trySign(api, linkToken)).body).toEqual(unknown.body);

    // A signed release's link outlives the 7 days: to download the copy and to revoke.
    const signed = await newRelease();
    await signRelease(api, signed.linkToken);
    await withOwnerClient((db) =>
      db.query(`UPDATE releases SET link_expires_at = now() - interval '1 day' WHERE id = $1`, [signed.releaseId]),
    );
    expect((await api.post(OPEN, { token: signed.linkToken })).body.status).toBe('signed');
    expect((await api.post(REVOKE, { token: signed.linkToken })).body).toEqual({ status: 'revoked' });
  });

  it('CONF_RELEASE: resend issues a fresh link and kills the old one; a signed release cannot be resent', async () => {
    const email = uniqueEmail('client');
    const client = await createClient(api, coach.token, { email });
    const { id } = await createRelease(api, coach.token, client.id);
    const oldToken = await linkTokenSentTo(email);
    const resent = await api.post(`/api/v1/clients/${client.id}/releases/${id}/resend`, undefined, coach.token);
    expect(resent.status).toBe(200);
    expect(resent.body).toEqual({ id, status: 'pending_signature' });
    const newToken = await linkTokenSentTo(email, { not: oldToken });
    expect(newToken).not.toBe(oldToken);
    expectClearError(await api.post(OPEN, { token: oldToken }), 404, 'RELEASE_LINK_NOT_FOUND');
    await signRelease(api, newToken);
    expectClearError(
      await api.post(`/api/v1/clients/${client.id}/releases/${id}/resend`, undefined, coach.token),
      409,
      'RELEASE_ALREADY_SIGNED',
    );
  });

  it('CONF_RELEASE: a release turns expired on its expiresOn; the hourly sweep records it once', async () => {
    const pending = await newRelease();
    const signed = await newRelease();
    await signRelease(api, signed.linkToken);
    await expireToday([pending.releaseId, signed.releaseId]);
    expect((await api.post(OPEN, { token: pending.linkToken })).body.status).toBe('expired');
    expectClearError(await trySign(api, pending.linkToken), 410, 'RELEASE_EXPIRED');

    const sweep = api.app.get(ReleaseExpirySweep);
    expect(await sweep.run()).toBeGreaterThanOrEqual(2);
    expect(await sweep.run()).toBe(0);
    for (const { releaseId } of [pending, signed]) {
      const release = (await api.get(`/api/v1/releases/${releaseId}`, coach.token)).body;
      expect(release).toMatchObject({ status: 'expired', expiredAt: expect.any(String) });
      expect(release.history.filter((step: { step: string }) => step.step === 'expired')).toHaveLength(1);
    }
  });

  it('CONF_RELEASE: the worker runs the expiry job from the releases queue, on an hourly schedule', async () => {
    expect(ReleasesJobsModule.schedules).toEqual([
      expect.objectContaining({
        queue: RELEASES_QUEUE,
        pattern: '0 * * * *',
        job: expect.objectContaining({ name: EXPIRE_RELEASES }),
      }),
    ]);
    const due = await newRelease();
    await expireToday([due.releaseId]);
    const config = testConfig();
    const prefix = `${config.redis.prefix}:bull`;
    const queue = new Queue(RELEASES_QUEUE, { connection: { url: config.redis.url }, prefix });
    const events = new QueueEvents(RELEASES_QUEUE, { connection: { url: config.redis.url }, prefix });
    try {
      await events.waitUntilReady();
      const job = await queue.add(EXPIRE_RELEASES, { requestedBy: 'test' });
      expect(await job.waitUntilFinished(events, 20_000)).toEqual({ expired: expect.any(Number) });
    } finally {
      await Promise.all([events.close(), queue.close()]);
    }
    const release = (await api.get(`/api/v1/releases/${due.releaseId}`, coach.token)).body;
    expect(release).toMatchObject({ status: 'expired', expiredAt: expect.any(String) });
  });

  it('CONF_RELEASE: deleting the client crypto-shreds its releases and kills the link', async () => {
    const { clientId, releaseId, linkToken } = await newRelease();
    expect((await api.request('DELETE', `/api/v1/clients/${clientId}`, { token: coach.token })).status).toBe(204);
    expectClearError(await api.get(`/api/v1/releases/${releaseId}`, coach.token), 404);
    expectClearError(await api.post(OPEN, { token: linkToken }), 404, 'RELEASE_LINK_NOT_FOUND');
    const [row] = await withOwnerClient(
      async (db) =>
        (await db.query(`SELECT token_hash, signer_copy_enc FROM releases WHERE id = $1`, [releaseId])).rows,
    );
    expect(row).toEqual({ token_hash: null, signer_copy_enc: null });
  });
});
