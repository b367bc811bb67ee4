import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type AuditEntry, chainHash, GENESIS_HASH } from './audit-chain.js';

type KnownAnswer = { name: string; prevHash: string; entry: AuditEntry; canonical: string; entryHash: string };
const knownAnswers: KnownAnswer[] = JSON.parse(
  readFileSync(new URL('./audit-chain.known-answer.json', import.meta.url), 'utf8'),
).vectors;

// The SQL trigger is held to the same vectors in audit-chain.known-answer.int-spec.ts: changing
// both copies of the hash together (dropping prev_hash from both, say) still fails here.
describe('chainHash against known answers', () => {
  it.each(knownAnswers.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
    expect(chainHash(vector.prevHash, vector.entry)).toBe(vector.entryHash);
  });

  it('the vectors themselves hold: SHA-256 of prevHash then the hand-written canonical JSON', () => {
    for (const vector of knownAnswers) {
      expect(
        createHash('sha256')
          .update(vector.prevHash + vector.canonical, 'utf8')
          .digest('hex'),
      ).toBe(vector.entryHash);
    }
  });

  it('links to its previous hash: the same entry after another previous hash hashes differently', () => {
    const [first] = knownAnswers;
    expect(first!.prevHash).toBe(GENESIS_HASH);
    const others = ['f'.repeat(64), 'e'.repeat(64), `${GENESIS_HASH.slice(0, 63)}1`];
    const hashes = new Set([first!.prevHash, ...others].map((prevHash) => chainHash(prevHash, first!.entry)));
    expect(hashes.size).toBe(others.length + 1);
  });
});
