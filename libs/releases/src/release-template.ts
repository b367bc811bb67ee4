// The one versioned release template and the electronic-records consent the client accepts before
// signing. A new wording is a new version: what was signed names the version it was signed under.

export const RELEASE_TEMPLATE_VERSION = 'release-v1';
export const CONSENT_VERSION = 'e-consent-v1';

const CONSENT_TEXTS: Record<string, string> = {
  [CONSENT_VERSION]: [
    'Consent to use electronic records and signatures',
    '',
    'I agree to receive this release electronically and to sign it electronically. My typed full name',
    'is my signature and has the same effect as a signature on paper. I can download and keep a PDF',
    'copy of what I sign. I may instead ask my coach for a paper copy to sign by hand; doing so does',
    'not change my coaching in any way.',
  ].join('\n'),
};

/** The consent wording of a version (every version ever used stays here). */
export function consentText(version: string): string {
  const text = CONSENT_TEXTS[version];
  if (text === undefined) throw new Error(`unknown consent version ${version}`);
  return text;
}

/** What the coach drafts: everything the release names. */
export interface ReleaseFields {
  recipientName: string;
  recipientOrganization: string;
  recipientContact: string;
  purpose: string;
  informationScope: string;
  expiresOn: string;
}

/**
 * The exact text the client reads and signs, in plain language, with the statements a valid written
 * authorization needs: who receives what and why, until when, the right to revoke in writing and
 * how, that coaching does not depend on signing, and that the recipient may re-disclose.
 */
export function renderReleaseDocument(fields: ReleaseFields, clientName: string): string {
  return [
    `Release of information (template ${RELEASE_TEMPLATE_VERSION})`,
    '',
    `I, ${clientName}, allow my coach to share information about me with:`,
    `  Recipient: ${fields.recipientName}`,
    `  Organisation: ${fields.recipientOrganization}`,
    `  Contact: ${fields.recipientContact}`,
    '',
    'What may be shared:',
    `  ${fields.informationScope}`,
    '',
    'Why it is shared:',
    `  ${fields.purpose}`,
    '',
    `This release ends on ${fields.expiresOn}. After that date nothing more may be shared under it.`,
    '',
    'Your rights:',
    '- You may revoke this release at any time, in writing: use the "Revoke" button on the page of',
    '  this release (the same link you signed from), or write to your coach. Revoking stops future',
    '  sharing; it cannot undo what was already shared.',
    '- Your coaching does not depend on signing. You may refuse to sign, and your coaching continues',
    '  the same.',
    '- Once shared, the recipient may share the information again, and the rules that protect it here',
    '  may no longer protect it there.',
    '- You may keep a copy of this release.',
  ].join('\n');
}
