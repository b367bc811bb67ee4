import { allow, refuse, type EthicsDecision, type EthicsRefusal } from './decision.js';
import { EthicsRule } from './ethics-rule.js';
import { compareLocalDates, parseLocalDate, type LocalDate } from './local-date.js';

export type ReleaseStatus = 'pending_signature' | 'signed' | 'revoked' | 'expired';

/** What a disclosure rests on: the client's written release, a court order, or a mandatory report. */
export type DisclosureBasis =
  /** Nothing to rest on: no release of this client, no order, no report. */
  | { kind: 'none' }
  | { kind: 'release'; release: { status: ReleaseStatus; expiresOn: LocalDate; recipientName: string } }
  | { kind: 'court_order'; reference: string }
  | {
      kind: 'mandatory_report';
      agency: string;
      reference: string;
      /** Who is being abused: only a minor's or an elder's abuse is a mandatory report. */
      victim: MandatoryReportVictim;
      /** Past abuse that has ended is not a mandatory report: it needs the client's release. */
      abuse: MandatoryReportAbuse;
    };

export type MandatoryReportVictim = 'minor' | 'elder' | 'other_adult';
export type MandatoryReportAbuse = 'current' | 'ongoing' | 'past';

/** The rule the allowed disclosure is logged under. */
export type DisclosureGrant = {
  kind: Exclude<DisclosureBasis['kind'], 'none'>;
  rule: EthicsRule.CONF_RELEASE | EthicsRule.CONF_DISCLOSURE | EthicsRule.CONF_MANDATORY_REPORT;
};

/**
 * Decides whether information may be disclosed to `recipientName` on `asOf` (CONF_DISCLOSURE).
 * Allowed on a `signed` release that has not expired (it expires on `expiresOn` itself) and whose
 * recipient matches ignoring case and spacing; on a court order with a reference; or on a
 * mandatory report with agency and reference of current or ongoing abuse of a minor or an elder
 * (CONF_MANDATORY_REPORT, the one that needs no release).
 */
export function decideDisclosure(facts: {
  basis: DisclosureBasis;
  recipientName: string;
  asOf: LocalDate;
}): EthicsDecision<DisclosureGrant> {
  const { basis, asOf } = facts;
  parseLocalDate(asOf, 'asOf');
  if (isBlank(facts.recipientName)) {
    return refused('A disclosure needs a named recipient.', 'Enter who the information is going to.');
  }
  switch (basis.kind) {
    case 'none':
      return refused(
        "There is no signed release of this client's, court order or mandatory report to disclose under.",
        'Ask the client to sign a release naming this recipient, or record the court order or mandatory report.',
      );
    case 'release':
      return decideOnRelease(basis.release, facts.recipientName, asOf);
    case 'court_order':
      if (isBlank(basis.reference)) {
        return refused(
          'A disclosure under a court order needs the order reference.',
          'Enter the reference of the court order, or use a signed release from the client instead.',
        );
      }
      return allow({ kind: 'court_order', rule: EthicsRule.CONF_DISCLOSURE });
    case 'mandatory_report':
      if (isBlank(basis.agency) || isBlank(basis.reference)) {
        return refused(
          'A mandatory report needs the agency it was made to and its reference.',
          'Enter the agency and the reference the agency gave you.',
        );
      }
      if (basis.victim !== 'minor' && basis.victim !== 'elder') {
        return refused(
          'A mandatory report is only for the abuse of a minor or an elder.',
          'Ask the client for a written release, or disclose only under a court order.',
        );
      }
      if (basis.abuse !== 'current' && basis.abuse !== 'ongoing') {
        return refused(
          'A mandatory report is only for current or ongoing abuse.',
          'Ask the client for a written release, or disclose only under a court order.',
        );
      }
      return allow({ kind: 'mandatory_report', rule: EthicsRule.CONF_MANDATORY_REPORT });
    default:
      return assertNever(basis);
  }
}

function decideOnRelease(
  release: { status: ReleaseStatus; expiresOn: LocalDate; recipientName: string },
  recipientName: string,
  asOf: LocalDate,
): EthicsDecision<DisclosureGrant> {
  const askForRelease = 'Ask the client for a new release to this recipient, or disclose only under a court order.';
  if (release.status === 'pending_signature') {
    return refused(
      'The client has not signed this release yet.',
      'Wait for the client to sign it, then log the disclosure.',
    );
  }
  if (release.status === 'revoked') return refused('The client has revoked this release.', askForRelease);
  parseLocalDate(release.expiresOn, 'release.expiresOn');
  if (release.status === 'expired' || compareLocalDates(asOf, release.expiresOn) >= 0) {
    return refused('This release has expired.', askForRelease);
  }
  if (normalizeName(release.recipientName) !== normalizeName(recipientName)) {
    return refused('This release does not name the recipient you are disclosing to.', askForRelease);
  }
  return allow({ kind: 'release', rule: EthicsRule.CONF_RELEASE });
}

function refused(message: string, remedy: string): EthicsRefusal {
  return refuse(
    EthicsRule.CONF_DISCLOSURE,
    `Nothing may be disclosed without the client's written release or a court order. ${message}`,
    remedy,
  );
}

// "Dr  Jane Doe " and "dr jane doe" are the same recipient; anything else is a different one.
function normalizeName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function isBlank(value: string | null | undefined): boolean {
  return typeof value !== 'string' || value.trim().length === 0;
}

function assertNever(value: never): never {
  // Only the kind: the rest of a basis may identify the client.
  throw new Error(`Unknown disclosure basis: ${String((value as { kind?: unknown }).kind)}`);
}
