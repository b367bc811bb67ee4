import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The steps of a release's life that its evidence records, each with server time, IP and agent. */
export type EvidenceStepName = 'sent' | 'opened' | 'consent_accepted' | 'signed' | 'revoked' | 'expired';

export interface EvidenceStep {
  step: EvidenceStepName;
  /** Server UTC time, ISO 8601. */
  at: string;
  ip: string | null;
  userAgent: string | null;
}

/** What a signature rests on: exactly this document, these wordings, this signer, these steps. */
export interface ReleaseEvidence {
  releaseId: string;
  /** SHA-256 (hex) of the exact UTF-8 text the client read and signed. */
  documentSha256: string;
  templateVersion: string;
  consentVersion: string;
  signerName: string;
  signedAt: string;
  ip: string | null;
  userAgent: string | null;
  steps: EvidenceStep[];
}

/**
 * The evidence as RFC 8785 canonical JSON: the one byte string the seal signs. Anyone can
 * re-derive it from the parsed evidence, so a verifier never depends on how we happened to
 * serialise it.
 */
export function canonicalEvidence(evidence: ReleaseEvidence): string {
  const canonical = canonicalize(evidence);
  if (canonical === undefined) throw new Error('release evidence cannot be canonicalized');
  return canonical;
}

/** SHA-256 of the document's UTF-8 bytes, lower-case hex. */
export function documentSha256(documentText: string): string {
  return createHash('sha256').update(documentText, 'utf8').digest('hex');
}
