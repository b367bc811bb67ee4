import { isUnreadable, type UnreadableItem, type UnreadableItemDto } from '#haven/clients';
import type { DisclosureView } from './disclosure.mapper.js';
import type { DisclosureResponseDto } from './dto/disclosure.dto.js';
import type { ReleaseResponseDto, ReleaseWithEvidenceResponseDto } from './dto/release.response.dto.js';
import type { ReleaseView, ReleaseWithEvidence } from './releases.service.js';

// Release and disclosure views shaped for answers. The signing token appears in none of them.

export function toReleaseResponse(view: ReleaseView): ReleaseResponseDto {
  return {
    id: view.id,
    clientId: view.clientId,
    status: view.status,
    recipientName: view.recipientName,
    recipientOrganization: view.recipientOrganization,
    recipientContact: view.recipientContact,
    purpose: view.purpose,
    informationScope: view.informationScope,
    expiresOn: view.expiresOn,
    templateVersion: view.templateVersion,
    consentVersion: view.consentVersion,
    documentSha256: view.documentSha256,
    createdAt: view.createdAt.toISOString(),
    signedAt: view.signedAt?.toISOString() ?? null,
    revokedAt: view.revokedAt?.toISOString() ?? null,
    expiredAt: view.expiredAt?.toISOString() ?? null,
    history: view.history,
  };
}

export function toReleaseListItem(view: ReleaseView | UnreadableItem): ReleaseResponseDto | UnreadableItemDto {
  return isUnreadable(view) ? { id: view.id, unreadable: true } : toReleaseResponse(view);
}

export function toReleaseWithEvidenceResponse(view: ReleaseWithEvidence): ReleaseWithEvidenceResponseDto {
  return { ...toReleaseResponse(view), evidence: view.evidence, seal: view.seal, sealKeyId: view.sealKeyId };
}

export function toDisclosureResponse(view: DisclosureView): DisclosureResponseDto {
  return {
    id: view.id,
    basis: view.basis,
    rule: view.rule,
    recipientName: view.recipientName,
    description: view.description,
    releaseId: view.releaseId,
    courtOrderReference: view.courtOrderReference,
    mandatoryReport: view.mandatoryReport,
    disclosedAt: view.disclosedAt.toISOString(),
  };
}

export function toDisclosureListItem(view: DisclosureView | UnreadableItem): DisclosureResponseDto | UnreadableItemDto {
  return isUnreadable(view) ? { id: view.id, unreadable: true } : toDisclosureResponse(view);
}
