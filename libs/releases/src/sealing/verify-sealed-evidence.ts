import { createHash, createPublicKey, verify } from 'node:crypto';
import canonicalize from 'canonicalize';

/** What GET /releases/:id answers (other fields are ignored): the evidence string and its seal. */
export interface SealedEvidence {
  evidence: string;
  seal: string;
  sealKeyId: string;
}

export interface SealCheck {
  name: 'evidence' | 'key' | 'seal' | 'document';
  ok: boolean;
  detail: string;
}

export interface SealVerdict {
  valid: boolean;
  checks: SealCheck[];
}

const REQUIRED_FIELDS = ['releaseId', 'documentSha256', 'templateVersion', 'consentVersion', 'signerName', 'signedAt'];

/**
 * Verifies sealed release evidence with Node's own crypto (no libsodium, no database): the
 * evidence is canonical JSON with the fields a signature needs, the seal names the key given, the
 * Ed25519 signature matches the evidence byte for byte, and (when the document text is given) the
 * document is the one that was signed. Every check says what it found, so a failure names itself.
 */
export function verifySealedEvidence(
  sealed: SealedEvidence,
  sealKey: { publicKey: string; keyId: string },
  documentText?: string,
): SealVerdict {
  const checks: SealCheck[] = [checkEvidence(sealed.evidence), checkKeyId(sealed.sealKeyId, sealKey.keyId)];
  checks.push(checkSeal(sealed, sealKey.publicKey));
  if (documentText !== undefined) checks.push(checkDocument(sealed.evidence, documentText));
  return { valid: checks.every((check) => check.ok), checks };
}

function checkEvidence(evidence: string): SealCheck {
  const parsed = parseObject(evidence);
  if (!parsed) return { name: 'evidence', ok: false, detail: 'the evidence is not a JSON object' };
  if (canonicalize(parsed) !== evidence) {
    return {
      name: 'evidence',
      ok: false,
      detail: 'the evidence is not in canonical form: it was re-formatted or edited',
    };
  }
  const missing = REQUIRED_FIELDS.filter((field) => typeof parsed[field] !== 'string' || parsed[field] === '');
  if (missing.length > 0) return { name: 'evidence', ok: false, detail: `the evidence lacks ${missing.join(', ')}` };
  return {
    name: 'evidence',
    ok: true,
    detail: `release ${String(parsed.releaseId)} signed by its signer at ${String(parsed.signedAt)}`,
  };
}

function checkKeyId(sealedWith: string, given: string): SealCheck {
  return sealedWith === given
    ? { name: 'key', ok: true, detail: `sealed with key ${given}` }
    : { name: 'key', ok: false, detail: `sealed with key ${sealedWith}, but the key given is ${given}` };
}

function checkSeal(sealed: SealedEvidence, publicKey: string): SealCheck {
  const signature = Buffer.from(sealed.seal, 'base64');
  if (signature.length !== 64 || signature.toString('base64') !== sealed.seal) {
    return { name: 'seal', ok: false, detail: 'the seal is not a base64 Ed25519 signature (64 bytes)' };
  }
  const ok = verify(null, Buffer.from(sealed.evidence, 'utf8'), ed25519PublicKey(publicKey), signature);
  return ok
    ? { name: 'seal', ok: true, detail: 'the Ed25519 seal matches the evidence byte for byte' }
    : {
        name: 'seal',
        ok: false,
        detail: 'the seal does not match the evidence: the evidence or the seal changed after sealing',
      };
}

function checkDocument(evidence: string, documentText: string): SealCheck {
  const claimed = parseObject(evidence)?.documentSha256;
  const actual = createHash('sha256').update(documentText, 'utf8').digest('hex');
  return claimed === actual
    ? { name: 'document', ok: true, detail: `the document's SHA-256 is the one sealed (${actual})` }
    : {
        name: 'document',
        ok: false,
        detail: `the document's SHA-256 is ${actual}, the evidence says ${String(claimed)}`,
      };
}

/** A Node KeyObject for a raw 32-byte Ed25519 public key given in base64 (standard or url). */
export function ed25519PublicKey(publicKey: string) {
  const raw = Buffer.from(publicKey, 'base64'); // Node's decoder takes both alphabets
  if (raw.length !== 32) throw new RangeError('an Ed25519 public key is 32 bytes, base64');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
