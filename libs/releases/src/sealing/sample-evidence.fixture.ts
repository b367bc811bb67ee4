import { documentSha256, type ReleaseEvidence } from './evidence.js';

/** A signed release's evidence as the signing route builds it, for the sealing specs. */
export const sampleEvidence: ReleaseEvidence = {
  releaseId: '0b9d3c1e-5f4a-4e36-9a51-2f1c7d8e9a00',
  documentSha256: documentSha256('I authorise my coach to share my goals with Dr Rivera.'),
  templateVersion: 'release-v1',
  consentVersion: 'esign-consent-v1',
  signerName: 'Zoë Ångström',
  signedAt: '2026-12-02T10:15:00.000Z',
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
  steps: [
    { step: 'sent', at: '2026-12-01T09:00:00.000Z', ip: null, userAgent: null },
    { step: 'opened', at: '2026-12-02T10:14:00.000Z', ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' },
    { step: 'signed', at: '2026-12-02T10:15:00.000Z', ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' },
  ],
};
