import { type OpenClient } from '#haven/clients';
import {
  decryptText,
  encrypt,
  generateBoxKeyPair,
  openSealedBox,
  sealToPublicKey,
  signingLinkKey,
} from '#haven/crypto';
import type { ReleaseFields } from './release-template.js';
import type { ReleaseRow } from './releases.repository.js';
import type { EvidenceStep } from './sealing/evidence.js';

// A release between its row and the services: what is sealed on write and opened on read, under
// which key. The storage format of every encrypted column is declared here.

/** The AEAD purpose of each encrypted column ('<table>.<column>'). */
export const RELEASE_COLUMNS = {
  document: 'releases.document_enc',
  evidenceSecretKey: 'releases.evidence_secret_key_enc',
  signerCopy: 'releases.signer_copy_enc',
  stepLog: 'releases.step_log',
  evidence: 'releases.evidence_enc',
} as const;

const SIGNING_LINK_KEY_ID = 'sl1';

/** What `document_enc` holds (client key): the release as drafted and the exact text sent. */
export interface ReleaseDocument extends ReleaseFields {
  documentText: string;
  documentSha256: string;
}

/** The evidence of a signature, its canonical JSON and the platform's seal over it. */
export interface SealedEvidence {
  evidence: string;
  seal: string;
  sealKeyId: string;
}

/**
 * What `signer_copy_enc` holds (key derived from the link's token): everything the signer's page
 * shows and the signer's PDF needs, so the public routes never need the coach's keys.
 */
export interface SignerCopy extends ReleaseDocument {
  templateVersion: string;
  consentVersion: string;
  /** The steps of this link: sent, opened, consent accepted, signed, revoked. */
  steps: EvidenceStep[];
  signerName: string | null;
  sealed: SealedEvidence | null;
}

/** The release's evidence key pair: signers and jobs seal steps to its public half; the coach opens them. */
export interface EvidenceKeyPair {
  publicKey: string;
  secretKey: string;
}

export async function newEvidenceKeyPair(
  client: OpenClient,
  releaseId: string,
): Promise<{ keyPair: EvidenceKeyPair; secretKeyEnc: string }> {
  const keyPair = await generateBoxKeyPair();
  const secretKeyEnc = await client.cipher.seal(RELEASE_COLUMNS.evidenceSecretKey, releaseId, keyPair.secretKey);
  return { keyPair, secretKeyEnc };
}

export async function openEvidenceKeyPair(client: OpenClient, row: ReleaseRow): Promise<EvidenceKeyPair> {
  return {
    publicKey: row.evidencePublicKey,
    secretKey: await client.cipher.open(RELEASE_COLUMNS.evidenceSecretKey, row.id, row.evidenceSecretKeyEnc),
  };
}

export function sealDocument(client: OpenClient, releaseId: string, document: ReleaseDocument): Promise<string> {
  return client.cipher.sealJson(RELEASE_COLUMNS.document, releaseId, document);
}

export function openDocument(client: OpenClient, row: ReleaseRow): Promise<ReleaseDocument> {
  return client.cipher.openJson<ReleaseDocument>(RELEASE_COLUMNS.document, row.id, row.documentEnc);
}

export async function sealSignerCopy(
  token: string,
  link: { releaseId: string; coachId: string },
  copy: SignerCopy,
): Promise<string> {
  return encrypt(await signingLinkKey(token), SIGNING_LINK_KEY_ID, JSON.stringify(copy), {
    purpose: RELEASE_COLUMNS.signerCopy,
    rowId: link.releaseId,
    ownerId: link.coachId,
  });
}

export async function openSignerCopy(
  token: string,
  link: { releaseId: string; coachId: string },
  signerCopyEnc: string,
): Promise<SignerCopy> {
  const text = await decryptText(await signingLinkKey(token), signerCopyEnc, {
    purpose: RELEASE_COLUMNS.signerCopy,
    rowId: link.releaseId,
    ownerId: link.coachId,
  });
  return JSON.parse(text) as SignerCopy;
}

/** One step for the coach's log, sealed to the release's evidence key. */
export function sealStep(evidencePublicKey: string, step: EvidenceStep): Promise<string> {
  return sealToPublicKey(evidencePublicKey, JSON.stringify(step));
}

export async function openSteps(keyPair: EvidenceKeyPair, row: ReleaseRow): Promise<EvidenceStep[]> {
  const what = { purpose: RELEASE_COLUMNS.stepLog, rowId: row.id };
  const steps = await Promise.all(
    row.stepLog.map(async (sealed) => JSON.parse(await openSealedBox(keyPair, sealed, what)) as EvidenceStep),
  );
  return steps.sort((a, b) => a.at.localeCompare(b.at));
}

export function sealEvidence(evidencePublicKey: string, sealed: SealedEvidence): Promise<string> {
  return sealToPublicKey(evidencePublicKey, JSON.stringify(sealed));
}

export async function openEvidence(keyPair: EvidenceKeyPair, row: ReleaseRow): Promise<SealedEvidence | null> {
  if (row.evidenceEnc === null) return null;
  const what = { purpose: RELEASE_COLUMNS.evidence, rowId: row.id };
  return JSON.parse(await openSealedBox(keyPair, row.evidenceEnc, what)) as SealedEvidence;
}
