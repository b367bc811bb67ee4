import type { OpenClient } from '#haven/clients';
import type { DisclosureGrant, MandatoryReportAbuse, MandatoryReportVictim } from '#haven/ethics';
import type { DisclosureRow } from './disclosures.repository.js';

// A disclosure between its row and the services. `details_enc` (client key) holds everything but
// the ids: even the kind of basis says something (a mandatory report means abuse was reported).

const DETAILS_COLUMN = 'disclosures.details_enc';

/** What was disclosed to whom, and what it rested on. */
export interface DisclosureDetails {
  recipientName: string;
  description: string;
  basis: DisclosureGrant['kind'];
  rule: DisclosureGrant['rule'];
  courtOrderReference: string | null;
  mandatoryReport: {
    agency: string;
    reference: string;
    victim: MandatoryReportVictim;
    abuse: MandatoryReportAbuse;
  } | null;
}

export interface DisclosureView extends DisclosureDetails {
  id: string;
  releaseId: string | null;
  disclosedAt: Date;
}

export function sealDisclosure(client: OpenClient, id: string, details: DisclosureDetails): Promise<string> {
  return client.cipher.sealJson(DETAILS_COLUMN, id, details);
}

export async function openDisclosure(client: OpenClient, row: DisclosureRow): Promise<DisclosureView> {
  const details = await client.cipher.openJson<DisclosureDetails>(DETAILS_COLUMN, row.id, row.detailsEnc);
  return { id: row.id, releaseId: row.releaseId, ...details, disclosedAt: row.createdAt };
}
