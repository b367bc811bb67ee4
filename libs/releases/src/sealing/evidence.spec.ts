import { canonicalEvidence, documentSha256, type ReleaseEvidence } from './evidence.js';
import { sampleEvidence } from './sample-evidence.fixture.js';

describe('release evidence', () => {
  it('is canonical JSON: sorted keys, no spaces, the same bytes whatever the property order', () => {
    const reordered = Object.fromEntries(Object.entries(sampleEvidence).reverse()) as unknown as ReleaseEvidence;

    const sut = canonicalEvidence(sampleEvidence);

    expect(canonicalEvidence(reordered)).toBe(sut);
    expect(sut.startsWith('{"consentVersion":"esign-consent-v1","documentSha256":"')).toBe(true);
    expect(sut).not.toMatch(/": |, /);
    expect(JSON.parse(sut)).toEqual(sampleEvidence);
  });

  it('hashes the document as UTF-8 with SHA-256 (known answer)', () => {
    expect(documentSha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(documentSha256('Zoë')).not.toBe(documentSha256('Zoe'));
  });
});
