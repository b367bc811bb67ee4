import { verify } from 'node:crypto';
import { sealKeyPairFromSeed, verifyDetached } from '#haven/crypto';
import type { HavenConfig } from '#haven/platform';
import { canonicalEvidence, documentSha256 } from './evidence.js';
import { ReleaseSeal } from './release-seal.js';
import { sampleEvidence } from './sample-evidence.fixture.js';
import { ed25519PublicKey, verifySealedEvidence } from './verify-sealed-evidence.js';

const documentText = 'I authorise my coach to share my goals with Dr Rivera.';

async function sealedSample(seed = new Uint8Array(32).fill(9)) {
  const releaseSeal = new ReleaseSeal({ secrets: { sealSeed: seed } } as unknown as HavenConfig);
  await releaseSeal.onModuleInit();
  const evidence = canonicalEvidence(sampleEvidence);
  const sealed = { evidence, seal: await releaseSeal.seal(evidence), sealKeyId: releaseSeal.keyId };
  return { sealed, key: { publicKey: releaseSeal.publicKey, keyId: releaseSeal.keyId } };
}

function failedChecks(verdict: ReturnType<typeof verifySealedEvidence>) {
  return verdict.checks.filter((check) => !check.ok).map((check) => check.name);
}

describe('CONF_RELEASE sealed evidence', () => {
  it('verifies with the published key, through Node crypto alone and through libsodium', async () => {
    const { sealed, key } = await sealedSample();

    const sut = verifySealedEvidence(sealed, key, documentText);

    expect(sut).toEqual({ valid: true, checks: expect.any(Array) });
    expect(sut.checks.map((check) => check.name)).toEqual(['evidence', 'key', 'seal', 'document']);
    const signature = Buffer.from(sealed.seal, 'base64');
    expect(verify(null, Buffer.from(sealed.evidence), ed25519PublicKey(key.publicKey), signature)).toBe(true);
    const publicKeyUrl = Buffer.from(key.publicKey, 'base64').toString('base64url');
    expect(await verifyDetached(publicKeyUrl, sealed.evidence, sealed.seal)).toBe(true);
  });

  it('fails when any one byte of the evidence changes, and says it is the seal that does not match', async () => {
    const { sealed, key } = await sealedSample();
    const positions = [...sealed.evidence].map((_, index) => index).filter((index) => index % 7 === 0);

    for (const index of positions) {
      const original = sealed.evidence.charCodeAt(index);
      const changed =
        sealed.evidence.slice(0, index) + String.fromCharCode(original ^ 1) + sealed.evidence.slice(index + 1);

      const sut = verifySealedEvidence({ ...sealed, evidence: changed }, key);

      expect(sut.valid).toBe(false);
      expect(failedChecks(sut)).toContain('seal');
    }
  });

  it('names a seal from another key, a re-formatted evidence and a different document', async () => {
    const { sealed, key } = await sealedSample();
    const other = await sealedSample(new Uint8Array(32).fill(10));
    const reformatted = JSON.stringify(JSON.parse(sealed.evidence), null, 2);

    expect(failedChecks(verifySealedEvidence(sealed, other.key))).toEqual(['key', 'seal']);
    expect(failedChecks(verifySealedEvidence({ ...sealed, evidence: reformatted }, key))).toEqual(['evidence', 'seal']);
    expect(failedChecks(verifySealedEvidence(sealed, key, `${documentText} `))).toEqual(['document']);
    expect(failedChecks(verifySealedEvidence({ ...sealed, seal: 'not a seal' }, key))).toEqual(['seal']);
    expect(verifySealedEvidence(sealed, key, `${documentText} `).checks[3].detail).toContain(
      documentSha256(`${documentText} `),
    );
  });

  it('publishes one key per seal seed, named by a stable key id', async () => {
    const { key } = await sealedSample();
    const again = await sealedSample();
    const seed = new Uint8Array(32).fill(9);

    expect(again.key).toEqual(key);
    expect(key.keyId).toMatch(/^ed25519:[0-9a-f]{16}$/);
    expect(Buffer.from(key.publicKey, 'base64').toString('base64url')).toBe(
      (await sealKeyPairFromSeed(seed)).publicKey,
    );
  });
});
