import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { EVIDENCE_ATTACHMENT, renderReleasePdf, type ReleasePdfInput } from './release-pdf.js';

const signed: ReleasePdfInput = {
  documentText:
    'I, Zoë Ångström, authorise my coach to share my coaching goals with Dr Amara Rivera.\n\nI may revoke this release at any time.',
  status: 'signed',
  recipientName: 'Dr Amara Rivera',
  recipientOrganization: 'Riverside Clinic',
  signerName: 'Zoë Ångström',
  signedAt: '2026-12-02T10:15:00.000Z',
  revokedAt: null,
  evidence: `{"releaseId":"r1","signerName":"Zoë Ångström","userAgent":"${'Mozilla/5.0 '.repeat(40)}"}`,
  seal: 'A'.repeat(86) + '==',
  sealKeyId: 'ed25519:0123456789abcdef',
  sealPublicKey: 'B'.repeat(43) + '=',
};

let folder: string;
beforeAll(() => (folder = mkdtempSync(join(tmpdir(), 'haven-pdf-'))));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The PDF's text as poppler extracts it (apt: poppler-utils; .ci/run installs it). */
function textOf(pdf: Uint8Array): string {
  const file = join(folder, `release-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('qpdf', ['--check', file], { stdio: 'pipe' }); // throws on a structural error
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe('CONF_RELEASE PDF copy', () => {
  it('is a valid PDF holding the release text, recipient, signer name (as typed), seal and how to verify', async () => {
    const sut = await renderReleasePdf(signed);

    expect(Buffer.from(sut.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = textOf(sut);
    expect(text).toContain('Dr Amara Rivera');
    expect(text).toContain('Riverside Clinic');
    expect(text).toContain('Zoë Ångström');
    expect(text).toContain('I may revoke this release at any time.');
    expect(text).toContain('ed25519:0123456789abcdef');
    expect(text).toContain('releases:verify');
    const parsed = await PDFDocument.load(sut);
    expect(parsed.getTitle()).toBe('Release of information to Dr Amara Rivera');
  });

  it('prints Polish, Greek and Cyrillic names as typed (not only Windows-1252)', async () => {
    const signerName = 'Łukasz Żółć, Ελένη, Анна Петрова';

    const sut = await renderReleasePdf({ ...signed, signerName });

    expect(textOf(sut)).toContain(signerName);
  });

  it('attaches the sealed evidence as JSON, ready for the verifier', async () => {
    const sut = await renderReleasePdf(signed);
    const file = join(folder, 'attached.pdf');
    writeFileSync(file, sut);

    const attached = execFileSync('qpdf', ['--show-attachment=' + EVIDENCE_ATTACHMENT, file], { encoding: 'utf8' });

    expect(JSON.parse(attached)).toEqual({ evidence: signed.evidence, seal: signed.seal, sealKeyId: signed.sealKeyId });
  });

  it('prints an unsigned release without a signature block or evidence, and wraps long text onto more pages', async () => {
    const longText = Array.from({ length: 400 }, (_, i) => `Paragraph ${i}: the information to be shared.`).join('\n');

    const sut = await renderReleasePdf({
      ...signed,
      documentText: longText,
      status: 'pending_signature',
      signerName: null,
      signedAt: null,
      evidence: null,
      seal: null,
      sealKeyId: null,
    });

    const text = textOf(sut);
    expect(text).toContain('Not signed.');
    expect(text).toContain('Paragraph 399');
    expect(text).not.toContain('Sealed evidence');
    expect((await PDFDocument.load(sut)).getPageCount()).toBeGreaterThan(3);
  });
});
