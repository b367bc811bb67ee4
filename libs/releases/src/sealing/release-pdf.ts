import { PdfTextWriter } from './pdf-text-writer.js';

export interface ReleasePdfInput {
  /** The exact frozen text the client read (and signed, when signed). */
  documentText: string;
  status: string;
  recipientName: string;
  recipientOrganization: string;
  signerName: string | null;
  signedAt: string | null;
  revokedAt: string | null;
  /** Canonical evidence JSON, the seal over it and its key id: null until signed. */
  evidence: string | null;
  seal: string | null;
  sealKeyId: string | null;
  sealPublicKey: string;
}

/** The file name of the evidence attached to the PDF, ready for `npm run cli -- releases:verify`. */
export const EVIDENCE_ATTACHMENT = 'evidence.json';

/**
 * The release as a PDF: the text as the client read it, the signature block, the sealed evidence
 * printed in full and attached as `evidence.json`, and how anyone can check the seal.
 */
export async function renderReleasePdf(input: ReleasePdfInput): Promise<Uint8Array> {
  const pdf = await PdfTextWriter.create(`Release of information to ${input.recipientName}`);
  pdf.write('Authorization to release information', 'title');
  pdf.write(statusLine(input), 'small');

  pdf.write('The release', 'heading');
  pdf.write(input.documentText);

  pdf.write('Signature', 'heading');
  if (input.signerName && input.signedAt) {
    pdf.field('Signed electronically by', input.signerName);
    pdf.field('Signed at (UTC)', input.signedAt);
    pdf.field('Recipient', `${input.recipientName}, ${input.recipientOrganization}`);
  } else {
    pdf.write('Not signed.');
  }
  if (input.revokedAt) pdf.field('Revoked by the client at (UTC)', input.revokedAt);

  if (input.evidence && input.seal && input.sealKeyId) {
    pdf.write('Sealed evidence', 'heading');
    pdf.write('The exact bytes the seal signs (canonical JSON, RFC 8785):', 'small');
    pdf.write(input.evidence, 'mono');
    pdf.write('Seal (Ed25519 signature, base64):');
    pdf.write(input.seal, 'mono');
    pdf.field('Seal key id', input.sealKeyId);
    pdf.write('Seal public key (base64):');
    pdf.write(input.sealPublicKey, 'mono');

    pdf.write('How to verify this release', 'heading');
    pdf.write(verifyInstructions(input.sealKeyId));
    await pdf.document.attach(
      Buffer.from(JSON.stringify({ evidence: input.evidence, seal: input.seal, sealKeyId: input.sealKeyId }, null, 2)),
      EVIDENCE_ATTACHMENT,
      { mimeType: 'application/json', description: 'Sealed signature evidence of this release' },
    );
  }
  return pdf.document.save();
}

function statusLine(input: ReleasePdfInput): string {
  switch (input.status) {
    case 'signed':
      return `Status: signed${input.signedAt ? ` on ${input.signedAt.slice(0, 10)}` : ''}.`;
    case 'revoked':
      return `Status: revoked${input.revokedAt ? ` on ${input.revokedAt.slice(0, 10)}` : ''}: nothing more may be shared under it.`;
    case 'expired':
      return 'Status: expired: nothing more may be shared under it.';
    default:
      return 'Status: waiting for the client to sign.';
  }
}

function verifyInstructions(keyId: string): string {
  return [
    `1. Fetch the platform's public key from GET /api/v1/public/seal-key and check that its keyId is ${keyId}.`,
    `2. Take the evidence exactly as attached to this PDF (${EVIDENCE_ATTACHMENT}) or as printed above, without changing a byte.`,
    '3. Check the Ed25519 signature of those UTF-8 bytes with the public key: with Haven, `npm run cli -- releases:verify evidence.json`; or with any Ed25519 tool (for example Node.js crypto.verify or libsodium crypto_sign_verify_detached).',
    "4. If the document's SHA-256 in the evidence equals the SHA-256 of the release text, this is the text the client signed.",
  ].join('\n');
}
