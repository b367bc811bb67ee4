import { assertAwaitingSignature, currentStatus } from './release-status.js';
import { CONSENT_VERSION, consentText, renderReleaseDocument } from './release-template.js';

describe('currentStatus', () => {
  const sut = currentStatus;

  it.each([
    ['pending_signature', '2026-06-02', 'pending_signature'],
    ['pending_signature', '2026-06-01', 'expired'],
    ['signed', '2026-06-01', 'expired'],
    ['signed', '2026-06-02', 'signed'],
    ['revoked', '2026-05-01', 'revoked'],
    ['expired', '2027-01-01', 'expired'],
  ] as const)('CONF_RELEASE: a %s release ending %s reads %s on 2026-06-01', (status, expiresOn, expected) => {
    expect(sut({ status, expiresOn }, '2026-06-01')).toBe(expected);
  });
});

describe('assertAwaitingSignature', () => {
  it.each([
    ['signed', 409, 'RELEASE_ALREADY_SIGNED'],
    ['revoked', 410, 'RELEASE_REVOKED'],
    ['expired', 410, 'RELEASE_EXPIRED'],
  ] as const)('CONF_RELEASE: a %s release cannot be signed or resent (%i %s)', (status, statusCode, code) => {
    expect(() => assertAwaitingSignature(status)).toThrow(expect.objectContaining({ statusCode, code }));
  });

  it('CONF_RELEASE: a pending release can', () => {
    expect(() => assertAwaitingSignature('pending_signature')).not.toThrow();
  });
});

describe('the release template', () => {
  const fields = {
    recipientName: 'Dr Jane Doe',
    recipientOrganization: 'Riverside Clinic',
    recipientContact: '+1 555 0100',
    purpose: 'Coordinate care',
    informationScope: 'Session dates',
    expiresOn: '2027-01-31',
  };

  it('CONF_RELEASE names who, what, why and until when, and carries the statements a valid release needs', () => {
    const sut = renderReleaseDocument(fields, 'Sam Rivera');
    for (const value of [...Object.values(fields), 'Sam Rivera']) expect(sut).toContain(value);
    expect(sut).toMatch(/revoke this release at any time, in writing/);
    expect(sut).toMatch(/coaching does not depend on signing/);
    expect(sut).toMatch(/recipient may share the information again/);
  });

  it('keeps every consent wording by version, and refuses an unknown one', () => {
    expect(consentText(CONSENT_VERSION)).toMatch(/electronic/);
    expect(() => consentText('e-consent-v0')).toThrow(/unknown consent version/);
  });
});
