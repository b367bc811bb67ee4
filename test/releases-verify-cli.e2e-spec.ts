import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { testConfig } from '#haven/testing';
import { releasesVerifyCommand } from '../apps/cli/src/commands/releases-verify.command.js';
import { signUpAndLogIn } from './support/factories.js';
import { startTestWorker, type TestWorker } from './support/mail.js';
import { clientWithRelease, signRelease } from './support/releases.js';
import { TestApi } from './support/test-api.js';

async function runVerify(args: string[]): Promise<{ exitCode: number; printed: string }> {
  const printed: string[] = [];
  const record = (line: unknown) => void printed.push(String(line));
  const log = jest.spyOn(console, 'log').mockImplementation(record);
  const error = jest.spyOn(console, 'error').mockImplementation(record);
  try {
    return { exitCode: await releasesVerifyCommand(testConfig(), args), printed: printed.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('CONF_RELEASE cli releases:verify', () => {
  let api: TestApi;
  let worker: TestWorker;
  let folder: string;
  let release: { evidence: string; seal: string; sealKeyId: string };
  let documentText: string;

  const file = (name: string, content: string) => {
    writeFileSync(join(folder, name), content);
    return join(folder, name);
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'haven-verify-'));
    api = await TestApi.start();
    worker = await startTestWorker();
    const coach = await signUpAndLogIn(api);
    const { releaseId, linkToken } = await clientWithRelease(api, coach.token);
    documentText = (await api.post('/api/v1/public/releases/open', { token: linkToken })).body.documentText;
    await signRelease(api, linkToken, 'Zoë Ångström');
    release = (await api.get(`/api/v1/releases/${releaseId}`, coach.token)).body;
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("accepts GET /releases/:id's answer with this installation's key, and with the published key", async () => {
    const evidenceFile = file('release.json', JSON.stringify(release));
    const published = (await api.get('/api/v1/public/seal-key')).body;

    const own = await runVerify([evidenceFile, '--document', file('release.txt', documentText)]);
    const withPublished = await runVerify([
      evidenceFile,
      '--public-key',
      published.publicKey,
      '--key-id',
      published.keyId,
    ]);

    expect(own.exitCode).toBe(0);
    expect(own.printed).toMatch(
      /^ok {3}evidence: .*\nok {3}key: .*\nok {3}seal: .*\nok {3}document: .*\n.*the seal holds/,
    );
    expect(withPublished.exitCode).toBe(0);
  });

  it('fails on one changed byte of the evidence and says it is the seal that no longer matches', async () => {
    const changed = release.evidence.replace('Zoë Ångström', 'Zoë Ångströn');

    const sut = await runVerify([file('changed.json', JSON.stringify({ ...release, evidence: changed }))]);

    expect(sut.exitCode).toBe(1);
    expect(sut.printed).toContain('FAIL seal: the seal does not match the evidence');
    expect(sut.printed).toContain('NOT valid: seal does not match');
  });

  it('names another document, another key id, and unreadable input (exit 2) without a stack trace', async () => {
    const evidenceFile = file('release.json', JSON.stringify(release));

    const otherDocument = await runVerify([evidenceFile, '--document', file('other.txt', `${documentText}.`)]);
    const otherKey = await runVerify([
      evidenceFile,
      '--public-key',
      'A'.repeat(43) + '=',
      '--key-id',
      'ed25519:0000000000000000',
    ]);
    const missing = await runVerify([join(folder, 'nope.json')]);
    const notEvidence = await runVerify([file('not.json', '{"evidence": 1}')]);
    const noKeyId = await runVerify([evidenceFile, '--public-key', 'abc']);

    expect(otherDocument).toMatchObject({ exitCode: 1 });
    expect(otherDocument.printed).toContain('FAIL document:');
    expect(otherKey).toMatchObject({ exitCode: 1 });
    expect(otherKey.printed).toMatch(
      /FAIL key: sealed with key ed25519:[0-9a-f]{16}, but the key given is ed25519:0{16}/,
    );
    expect(missing).toEqual({ exitCode: 2, printed: expect.stringContaining('cannot read') });
    expect(notEvidence).toEqual({ exitCode: 2, printed: expect.stringContaining('lacks evidence, seal, sealKeyId') });
    expect(noKeyId).toEqual({ exitCode: 2, printed: expect.stringContaining('--public-key needs --key-id') });
  });
});
