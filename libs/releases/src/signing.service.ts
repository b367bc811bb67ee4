import { Injectable } from '@nestjs/common';
import { type Transaction, Transactions } from '#haven/audit';
import { todayUtc } from '#haven/clients';
import { DecryptionError, signingTokenHash } from '#haven/crypto';
import type { ReleaseStatus } from '#haven/ethics';
import { HavenException } from '#haven/platform';
import { openSignerCopy, sealEvidence, sealSignerCopy, sealStep, type SignerCopy } from './release.mapper.js';
import { assertAwaitingSignature, currentStatus } from './release-status.js';
import { consentText, type ReleaseFields } from './release-template.js';
import { ReleasesErrorCode, ReleasesException } from './releases.errors.js';
import { ReleasesRepository, type SigningLinkRow } from './releases.repository.js';
import { canonicalEvidence, documentSha256, type EvidenceStep, type ReleaseEvidence } from './sealing/evidence.js';
import { renderReleasePdf } from './sealing/release-pdf.js';
import { ReleaseSeal } from './sealing/release-seal.js';
import { SigningLinkThrottle } from './signing-link.throttle.js';

/** Who is at the other end of a signing link: recorded in the evidence of each step. */
export interface SignerRequest {
  token: string;
  ip: string | null;
  userAgent: string | null;
}

/** What the signing page shows (POST /public/releases/open). */
export interface OpenedRelease extends ReleaseFields {
  status: ReleaseStatus;
  releaseId: string;
  templateVersion: string;
  consentVersion: string;
  consentText: string;
  documentText: string;
  documentSha256: string;
  signerName: string | null;
  signedAt: string | null;
  revokedAt: string | null;
}

interface OnLink {
  tx: Transaction;
  row: SigningLinkRow;
  copy: SignerCopy;
  status: ReleaseStatus;
}

/**
 * The client's side of a release, through its signing link and nothing else: each request opens a
 * transaction scoped to the token's hash (RLS shows that one row), reads the signer's copy with the
 * key derived from the token, and never needs the coach or their keys.
 */
@Injectable()
export class SigningService {
  constructor(
    private readonly transactions: Transactions,
    private readonly releases: ReleasesRepository,
    private readonly throttle: SigningLinkThrottle,
    private readonly seal: ReleaseSeal,
  ) {}

  /** The release to read; the first open is recorded as a step. */
  open(request: SignerRequest): Promise<OpenedRelease> {
    return this.onLink(request, 'release.open', async ({ tx, row, copy, status }) => {
      if (status === 'pending_signature' && !copy.steps.some((step) => step.step === 'opened')) {
        const opened = stepOf('opened', request, new Date());
        copy.steps.push(opened);
        await this.releases.recordSignerSteps(tx, row.id, await this.sealCopy(request, row, copy), [
          await sealStep(row.evidencePublicKey, opened),
        ]);
      }
      return {
        status,
        releaseId: row.id,
        templateVersion: copy.templateVersion,
        consentVersion: copy.consentVersion,
        consentText: consentText(copy.consentVersion),
        documentText: copy.documentText,
        documentSha256: copy.documentSha256,
        recipientName: copy.recipientName,
        recipientOrganization: copy.recipientOrganization,
        recipientContact: copy.recipientContact,
        purpose: copy.purpose,
        informationScope: copy.informationScope,
        expiresOn: copy.expiresOn,
        signerName: copy.signerName,
        signedAt: row.signedAt?.toISOString() ?? null,
        revokedAt: row.revokedAt?.toISOString() ?? null,
      };
    });
  }

  /**
   * Signs once: the consent and the signature become steps, the evidence (document SHA-256,
   * versions, signer name, times, IP, user agent) is sealed with the platform key, and both the
   * signer's copy and the coach's (sealed to the release's evidence key) keep it.
   */
  sign(request: SignerRequest & { signerName: string }): Promise<{ status: 'signed' }> {
    return this.onLink(request, 'release.sign', async ({ tx, row, copy, status }) => {
      assertAwaitingSignature(status);
      const now = new Date();
      const consent = stepOf('consent_accepted', request, now);
      const signed = stepOf('signed', request, now);
      const evidence: ReleaseEvidence = {
        releaseId: row.id,
        // Hashed again from the very text the signer was shown.
        documentSha256: documentSha256(copy.documentText),
        templateVersion: copy.templateVersion,
        consentVersion: copy.consentVersion,
        signerName: request.signerName,
        signedAt: now.toISOString(),
        ip: request.ip,
        userAgent: request.userAgent,
        steps: [...copy.steps, consent, signed],
      };
      const canonical = canonicalEvidence(evidence);
      const sealed = { evidence: canonical, seal: await this.seal.seal(canonical), sealKeyId: this.seal.keyId };
      const signedCopy: SignerCopy = { ...copy, steps: evidence.steps, signerName: request.signerName, sealed };
      await this.releases.markSigned(tx, row.id, {
        signerCopyEnc: await this.sealCopy(request, row, signedCopy),
        steps: [await sealStep(row.evidencePublicKey, consent), await sealStep(row.evidencePublicKey, signed)],
        evidenceEnc: await sealEvidence(row.evidencePublicKey, sealed),
        signedAt: now,
      });
      return { status: 'signed' as const };
    });
  }

  /** The client withdraws the release, signed or not; revoking twice changes nothing. */
  revoke(request: SignerRequest): Promise<{ status: 'revoked' }> {
    return this.onLink(request, 'release.revoke', async ({ tx, row, copy, status }) => {
      if (status === 'revoked') return { status: 'revoked' as const };
      if (status === 'expired') throw new ReleasesException(ReleasesErrorCode.RELEASE_EXPIRED);
      const now = new Date();
      const revoked = stepOf('revoked', request, now);
      const revokedCopy: SignerCopy = { ...copy, steps: [...copy.steps, revoked] };
      await this.releases.markRevoked(tx, row.id, {
        signerCopyEnc: await this.sealCopy(request, row, revokedCopy),
        steps: [await sealStep(row.evidencePublicKey, revoked)],
        revokedAt: now,
      });
      return { status: 'revoked' as const };
    });
  }

  /** The signer's PDF copy of a signed release (also after it was revoked or expired). */
  pdf(request: SignerRequest): Promise<{ releaseId: string; pdf: Uint8Array }> {
    return this.onLink(request, 'release.pdf', async ({ row, copy, status }) => {
      if (copy.sealed === null) throw new ReleasesException(ReleasesErrorCode.RELEASE_NOT_SIGNED);
      const pdf = await renderReleasePdf({
        documentText: copy.documentText,
        status,
        recipientName: copy.recipientName,
        recipientOrganization: copy.recipientOrganization,
        signerName: copy.signerName,
        signedAt: row.signedAt?.toISOString() ?? null,
        revokedAt: row.revokedAt?.toISOString() ?? null,
        evidence: copy.sealed.evidence,
        seal: copy.sealed.seal,
        sealKeyId: copy.sealed.sealKeyId,
        sealPublicKey: this.seal.publicKey,
      });
      return { releaseId: row.id, pdf };
    });
  }

  /**
   * Throttled per IP, then one transaction as the token's holder, audited (actor null, role
   * `signer`, subject the release). A token that matches no live link is 404, the same bytes
   * whether it never existed, was replaced, or died unsigned after 7 days, and is audited as such.
   */
  private async onLink<T>(request: SignerRequest, action: string, work: (link: OnLink) => Promise<T>): Promise<T> {
    const attempt = await this.throttle.begin(request.ip ?? 'unknown');
    let releaseId: string | null = null;
    try {
      const result = await this.transactions.asSigner(signingTokenHash(request.token), async (tx) => {
        const row = await this.releases.findSigningLinkForUpdate(tx);
        const copy = row ? await this.openCopy(request, row) : null;
        if (!row || !copy) throw new ReleasesException(ReleasesErrorCode.RELEASE_LINK_NOT_FOUND);
        releaseId = row.id;
        tx.auditOnCommit({ actorId: null, actorRole: 'signer', action, subjectId: row.id, outcome: 'success' });
        return work({ tx, row, copy, status: currentStatus(row, todayUtc()) });
      });
      await attempt.matched();
      return result;
    } catch (error) {
      // A refused step (signed twice, revoked, expired) came with a live link: not a guess.
      if (releaseId !== null) await attempt.matched();
      if (error instanceof HavenException) {
        await this.transactions.autocommitWithoutCoach((db) =>
          db.appendAudit({ actorId: null, actorRole: 'signer', action, subjectId: releaseId, outcome: 'failure' }),
        );
      }
      throw error;
    }
  }

  private async openCopy(request: SignerRequest, row: SigningLinkRow): Promise<SignerCopy | null> {
    try {
      return await openSignerCopy(request.token, { releaseId: row.id, coachId: row.coachId }, row.signerCopyEnc);
    } catch (error) {
      // Only a token whose hash matched reaches here; a copy it cannot open is damage, not a guess.
      if (error instanceof DecryptionError || error instanceof RangeError) return null;
      throw error;
    }
  }

  private sealCopy(request: SignerRequest, row: SigningLinkRow, copy: SignerCopy): Promise<string> {
    return sealSignerCopy(request.token, { releaseId: row.id, coachId: row.coachId }, copy);
  }
}

function stepOf(step: EvidenceStep['step'], request: SignerRequest, at: Date): EvidenceStep {
  return { step, at: at.toISOString(), ip: request.ip, userAgent: request.userAgent };
}
