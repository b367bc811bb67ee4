import type { OpenClient } from '#haven/clients';
import type { ReferralResponseDto } from './dto/engagement.dto.js';
import { type ClientEndingEntity, type ClientReferralEntity, ENGAGEMENT_COLUMNS } from './engagement.entity.js';

// Referrals and endings between their rows and the API: sealed under the client key on write (so
// deleting the client crypto-shreds them), opened on read.

/** Why an engagement ended, when it was a transfer (SCOPE_CRISIS). */
export type EndingReason = 'transfer_to_therapy';

/** What a referral says: stored as one JSON ciphertext. */
export interface ReferralFacts {
  providerId: string;
  reason: string;
  /** True for the referral an ending made (PRACTICE_NO_ABANDON). */
  madeByEnding: boolean;
}

export interface ReferralView extends ReferralFacts {
  id: string;
  recordedAt: Date;
}

export interface EndingFacts {
  explanation: string;
  reason: EndingReason | null;
  providerId: string;
}

export interface EndingView extends EndingFacts {
  id: string;
  referralId: string;
  endedAt: Date;
}

export function sealReferral({ cipher }: OpenClient, id: string, facts: ReferralFacts): Promise<string> {
  return cipher.sealJson(ENGAGEMENT_COLUMNS.referral, id, facts);
}

export async function decryptReferral({ cipher }: OpenClient, row: ClientReferralEntity): Promise<ReferralView> {
  const facts = await cipher.openJson<ReferralFacts>(ENGAGEMENT_COLUMNS.referral, row.id, row.referralEnc);
  return { id: row.id, ...facts, recordedAt: row.createdAt };
}

export function sealEnding({ cipher }: OpenClient, id: string, facts: EndingFacts): Promise<string> {
  return cipher.sealJson(ENGAGEMENT_COLUMNS.ending, id, facts);
}

export async function decryptEnding({ cipher }: OpenClient, row: ClientEndingEntity): Promise<EndingView> {
  const facts = await cipher.openJson<EndingFacts>(ENGAGEMENT_COLUMNS.ending, row.id, row.endingEnc);
  return { id: row.id, referralId: row.referralId, ...facts, endedAt: row.createdAt };
}

export function toReferralResponse(view: ReferralView): ReferralResponseDto {
  return {
    id: view.id,
    providerId: view.providerId,
    reason: view.reason,
    madeByEnding: view.madeByEnding,
    recordedAt: view.recordedAt.toISOString(),
  };
}
