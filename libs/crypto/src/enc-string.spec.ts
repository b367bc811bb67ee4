import { decrypt, encrypt, generateKey } from './aead.js';
import { DecryptionError } from './crypto.errors.js';
import { parseEncString } from './enc-string.js';

const ctx = { purpose: 'session-note', rowId: 'row-1', ownerId: 'coach-1' };
const nonce = 'A'.repeat(32); // 24 zero bytes
const tag = 'A'.repeat(22); // 16 zero bytes

describe('parseEncString', () => {
  it('reads version, key id, 24-byte nonce and ciphertext', async () => {
    const sut = parseEncString(await encrypt(await generateKey(), 'client_7-a', 'hi', ctx));
    expect(sut.version).toBe('v1');
    expect(sut.keyId).toBe('client_7-a');
    expect(sut.nonce).toHaveLength(24);
    expect(sut.ciphertext).toHaveLength(2 + 16);
  });

  it.each([
    ['an empty string', ''],
    ['a wrong version', `v2.k.${nonce}.${tag}`],
    ['three parts', `v1.k.${nonce}`],
    ['five parts', `v1.k.${nonce}.${tag}.x`],
    ['a dotted key id', `v1.a.b.${nonce}.${tag}`],
    ['an empty key id', `v1..${nonce}.${tag}`],
    ['a key id with a space', `v1.a b.${nonce}.${tag}`],
    ['bad base64 in the nonce', `v1.k.${'!'.repeat(32)}.${tag}`],
    ['bad base64 in the ciphertext', `v1.k.${nonce}.${tag}*`],
    ['padded base64', `v1.k.${nonce}.${tag}==`],
    ['standard base64 characters', `v1.k.${nonce}.${'+/'.repeat(11)}`],
    ['non-canonical trailing bits', `v1.k.${nonce}.${'A'.repeat(21)}B`],
    ['a short nonce', `v1.k.${'A'.repeat(30)}.${tag}`],
    ['a ciphertext shorter than its tag', `v1.k.${nonce}.${'A'.repeat(20)}`],
  ])('throws DecryptionError, never a TypeError, for %s', async (_name, malformed) => {
    expect(() => parseEncString(malformed)).toThrow(DecryptionError);
    const error = await decrypt(await generateKey(), malformed, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecryptionError);
    expect(error).not.toBeInstanceOf(TypeError);
    expect((error as DecryptionError).rowId).toBe('row-1');
    expect((error as DecryptionError).message).toContain('malformed EncString');
  });

  it('throws DecryptionError for a value that is not a string at all', () => {
    expect(() => parseEncString(undefined as unknown as string)).toThrow(DecryptionError);
  });
});
