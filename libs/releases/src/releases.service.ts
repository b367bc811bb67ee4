import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Transaction } from '#haven/audit';
import {
  ClientAccess,
  decryptOrMarkUnreadable,
  todayUtc,
  type CoachScope,
  type OpenClient,
  type UnreadableItem,
} from '#haven/clients';
import { randomToken, signingTokenHash } from '#haven/crypto';
import type { ReleaseStatus } from '#haven/ethics';
import type { AuthenticatedAccount } from '#haven/identity';
import { NotFoundException, pageOf, type Page, type PageRequest } from '#haven/platform';
import { ReleaseLinkMail } from './release-link.mail.js';
import {
  newEvidenceKeyPair,
  openDocument,
  openEvidence,
  openEvidenceKeyPair,
  openSteps,
  sealDocument,
  sealSignerCopy,
  sealStep,
  type ReleaseDocument,
  type SealedEvidence,
} from './release.mapper.js';
import { assertAwaitingSignature, currentStatus } from './release-status.js';
import {
  CONSENT_VERSION,
  RELEASE_TEMPLATE_VERSION,
  renderReleaseDocument,
  type ReleaseFields,
} from './release-template.js';
import { ReleaseNotFoundException, ReleasesErrorCode, ReleasesException } from './releases.errors.js';
import { ReleasesRepository, type ReleaseRow, type SigningLink } from './releases.repository.js';
import { renderReleasePdf } from './sealing/release-pdf.js';
import { ReleaseSeal } from './sealing/release-seal.js';
import { documentSha256, type EvidenceStep } from './sealing/evidence.js';

/** Unsigned links die after 7 days. */
export const SIGNING_LINK_LIFETIME_MS = 7 * 24 * 3600 * 1000;

/** A release as the coach sees it: what it names, its status and every step with its time. */
export interface ReleaseView extends ReleaseFields {
  id: string;
  clientId: string;
  status: ReleaseStatus;
  templateVersion: string;
  consentVersion: string;
  documentSha256: string;
  createdAt: Date;
  signedAt: Date | null;
  revokedAt: Date | null;
  expiredAt: Date | null;
  history: { step: EvidenceStep['step']; at: string }[];
}

/** One release with its sealed evidence (GET /releases/:id). */
export interface ReleaseWithEvidence extends ReleaseView {
  evidence: string | null;
  seal: string | null;
  sealKeyId: string | null;
}

/** Drafting, sending and reading releases, by the coach (CONF_RELEASE). */
@Injectable()
export class ReleasesService {
  private readonly logger = new Logger(ReleasesService.name);

  constructor(
    private readonly access: ClientAccess,
    private readonly releases: ReleasesRepository,
    private readonly linkMail: ReleaseLinkMail,
    private readonly seal: ReleaseSeal,
  ) {}

  /**
   * Freezes the text the client will read, stores it under the client key, and emails the client a
   * one-time link (the token is never returned, logged or stored: only its hash).
   */
  create(
    caller: AuthenticatedAccount,
    clientId: string,
    fields: ReleaseFields,
  ): Promise<{ id: string; status: ReleaseStatus }> {
    const id = randomUUID();
    return this.access.run(
      caller,
      { action: 'release.create', subjectId: id, failureSubjectId: clientId },
      async (scope) => {
        const { client, fullName, email } = await this.access.openClientContact(scope, clientId);
        const documentText = renderReleaseDocument(fields, fullName);
        const document: ReleaseDocument = { ...fields, documentText, documentSha256: documentSha256(documentText) };
        const { keyPair, secretKeyEnc } = await newEvidenceKeyPair(client, id);
        const createdAt = new Date();
        const versions = { templateVersion: RELEASE_TEMPLATE_VERSION, consentVersion: CONSENT_VERSION };
        const { token, link } = await this.newLink(id, scope.coachId, document, versions, keyPair.publicKey, createdAt);
        await this.releases.insertWithLink(
          scope.tx,
          {
            id,
            coachId: scope.coachId,
            clientId: client.id,
            expiresOn: fields.expiresOn,
            ...versions,
            documentEnc: await sealDocument(client, id, document),
            evidencePublicKey: keyPair.publicKey,
            evidenceSecretKeyEnc: secretKeyEnc,
            createdAt,
          },
          link,
        );
        await this.linkMail.queue(scope.tx, { linkId: link.linkId, token, to: email });
        return { id, status: 'pending_signature' as const };
      },
    );
  }

  /** A fresh link for a release still waiting for its signature; the old link stops working at once. */
  resend(
    caller: AuthenticatedAccount,
    clientId: string,
    releaseId: string,
  ): Promise<{ id: string; status: ReleaseStatus }> {
    return this.access.run(caller, { action: 'release.resend', subjectId: releaseId }, async (scope) => {
      const { client, email } = await this.access.openClientContact(scope, clientId);
      const row = await this.releases.findOfClientForUpdate(scope.tx, client.id, releaseId);
      if (!row) throw new ReleaseNotFoundException();
      assertAwaitingSignature(currentStatus(row, todayUtc()));
      const document = await openDocument(client, row);
      const versions = { templateVersion: row.templateVersion, consentVersion: row.consentVersion };
      const sentAt = new Date();
      const { token, link } = await this.newLink(
        row.id,
        scope.coachId,
        document,
        versions,
        row.evidencePublicKey,
        sentAt,
      );
      if (!(await this.releases.replaceLink(scope.tx, row.id, link))) {
        throw new ReleasesException(ReleasesErrorCode.RELEASE_ALREADY_SIGNED);
      }
      await this.linkMail.queue(scope.tx, { linkId: link.linkId, token, to: email });
      return { id: row.id, status: 'pending_signature' as const };
    });
  }

  /** A client's releases, newest first, each with its status history. */
  list(caller: AuthenticatedAccount, clientId: string, page: PageRequest): Promise<Page<ReleaseView | UnreadableItem>> {
    return this.access.run(caller, { action: 'release.list', subjectId: clientId }, async (scope) => {
      const client = await this.access.openClient(scope, clientId);
      const rows = await this.releases.pageByClient(scope.tx, client.id, page);
      return pageOf(
        rows,
        page,
        (row) => row.id,
        (row) => decryptOrMarkUnreadable(row.id, () => this.view(client, row), this.logger),
      );
    });
  }

  /** Every release of the client, oldest first, with evidence (the client export). */
  async exportAll(scope: CoachScope, client: OpenClient): Promise<ReleaseWithEvidence[]> {
    const rows = await this.releases.findAllByClient(scope.tx, client.id);
    return Promise.all(rows.map((row) => this.viewWithEvidence(client, row)));
  }

  get(caller: AuthenticatedAccount, releaseId: string): Promise<ReleaseWithEvidence> {
    return this.access.run(caller, { action: 'release.read', subjectId: releaseId }, async (scope) => {
      const { row, client } = await this.openRelease(scope, releaseId);
      return this.viewWithEvidence(client, row);
    });
  }

  /** The coach's PDF: the release text, the signature block, the evidence and its seal. */
  pdf(caller: AuthenticatedAccount, releaseId: string): Promise<Uint8Array> {
    return this.access.run(caller, { action: 'release.pdf', subjectId: releaseId }, async (scope) => {
      const { row, client } = await this.openRelease(scope, releaseId);
      const release = await this.viewWithEvidence(client, row);
      return renderReleasePdf({
        documentText: (await openDocument(client, row)).documentText,
        status: release.status,
        recipientName: release.recipientName,
        recipientOrganization: release.recipientOrganization,
        signerName: signerNameOf(release),
        signedAt: release.signedAt?.toISOString() ?? null,
        revokedAt: release.revokedAt?.toISOString() ?? null,
        evidence: release.evidence,
        seal: release.seal,
        sealKeyId: release.sealKeyId,
        sealPublicKey: this.seal.publicKey,
      });
    });
  }

  /** A release of one of the caller's live clients, locked, for a disclosure to rest on; null if none. */
  async findForDisclosure(
    tx: Transaction,
    client: OpenClient,
    releaseId: string,
  ): Promise<{ status: ReleaseStatus; expiresOn: string; recipientName: string } | null> {
    const row = await this.releases.findOfClientForUpdate(tx, client.id, releaseId);
    if (!row) return null;
    const document = await openDocument(client, row);
    return { status: row.status, expiresOn: row.expiresOn, recipientName: document.recipientName };
  }

  private async openRelease(scope: CoachScope, releaseId: string): Promise<{ row: ReleaseRow; client: OpenClient }> {
    const row = await this.releases.find(scope.tx, scope.coachId, releaseId);
    if (!row) throw new ReleaseNotFoundException();
    try {
      return { row, client: await this.access.openClient(scope, row.clientId) };
    } catch (error) {
      // A deleted (crypto-shredded) client's release is gone as far as anyone can read: same 404.
      if (error instanceof NotFoundException) throw new ReleaseNotFoundException();
      throw error;
    }
  }

  private async view(client: OpenClient, row: ReleaseRow): Promise<ReleaseView> {
    const document = await openDocument(client, row);
    const steps = await openSteps(await openEvidenceKeyPair(client, row), row);
    return {
      id: row.id,
      clientId: row.clientId,
      status: currentStatus(row, todayUtc()),
      recipientName: document.recipientName,
      recipientOrganization: document.recipientOrganization,
      recipientContact: document.recipientContact,
      purpose: document.purpose,
      informationScope: document.informationScope,
      expiresOn: row.expiresOn,
      templateVersion: row.templateVersion,
      consentVersion: row.consentVersion,
      documentSha256: document.documentSha256,
      createdAt: row.createdAt,
      signedAt: row.signedAt,
      revokedAt: row.revokedAt,
      expiredAt: row.expiredAt,
      history: steps.map(({ step, at }) => ({ step, at })),
    };
  }

  private async viewWithEvidence(client: OpenClient, row: ReleaseRow): Promise<ReleaseWithEvidence> {
    const sealed: SealedEvidence | null = await openEvidence(await openEvidenceKeyPair(client, row), row);
    return {
      ...(await this.view(client, row)),
      evidence: sealed?.evidence ?? null,
      seal: sealed?.seal ?? null,
      sealKeyId: sealed?.sealKeyId ?? null,
    };
  }

  /** A new random 256-bit token, its hash, and the signer's copy under its key. */
  private async newLink(
    releaseId: string,
    coachId: string,
    document: ReleaseDocument,
    versions: { templateVersion: string; consentVersion: string },
    evidencePublicKey: string,
    sentAt: Date,
  ): Promise<{ token: string; link: SigningLink }> {
    const token = await randomToken(32);
    const sent: EvidenceStep = { step: 'sent', at: sentAt.toISOString(), ip: null, userAgent: null };
    const signerCopyEnc = await sealSignerCopy(
      token,
      { releaseId, coachId },
      {
        ...document,
        ...versions,
        steps: [sent],
        signerName: null,
        sealed: null,
      },
    );
    return {
      token,
      link: {
        linkId: randomUUID(),
        tokenHash: signingTokenHash(token),
        expiresAt: new Date(sentAt.getTime() + SIGNING_LINK_LIFETIME_MS),
        signerCopyEnc,
        sentStep: await sealStep(evidencePublicKey, sent),
      },
    };
  }
}

function signerNameOf(release: ReleaseWithEvidence): string | null {
  if (release.evidence === null) return null;
  return (JSON.parse(release.evidence) as { signerName?: string }).signerName ?? null;
}
