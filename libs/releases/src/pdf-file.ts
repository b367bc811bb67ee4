import { StreamableFile } from '@nestjs/common';

/** A PDF answer, downloaded as an attachment. */
export function pdfAttachment(pdf: Uint8Array, releaseId: string): StreamableFile {
  return new StreamableFile(Buffer.from(pdf), {
    type: 'application/pdf',
    disposition: `attachment; filename="release-${releaseId}.pdf"`,
    length: pdf.byteLength,
  });
}
