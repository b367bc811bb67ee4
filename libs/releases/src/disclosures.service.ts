import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  ClientAccess,
  decryptOrMarkUnreadable,
  EthicsRefusalException,
  todayUtc,
  type CoachScope,
  type OpenClient,
  type UnreadableItem,
} from '#haven/clients';
import { decideDisclosure, type DisclosureBasis } from '#haven/ethics';
import type { AuthenticatedAccount } from '#haven/identity';
import { pageOf, type Page, type PageRequest } from '#haven/platform';
import { openDisclosure, sealDisclosure, type DisclosureDetails, type DisclosureView } from './disclosure.mapper.js';
import { DisclosuresRepository } from './disclosures.repository.js';
import { ReleasesService } from './releases.service.js';

/** What the coach says was disclosed, and on which one basis. */
export interface DisclosureRequest {
  recipientName: string;
  description: string;
  releaseId?: string;
  courtOrderReference?: string;
  mandatoryReport?: DisclosureDetails['mandatoryReport'] & object;
}

/** Logging disclosures of a client's information, each on a basis the code of ethics accepts. */
@Injectable()
export class DisclosuresService {
  private readonly logger = new Logger(DisclosuresService.name);

  constructor(
    private readonly access: ClientAccess,
    private readonly releases: ReleasesService,
    private readonly disclosures: DisclosuresRepository,
  ) {}

  /**
   * CONF_DISCLOSURE: a signed, current release of this client naming the recipient, a court order
   * with its reference, or a complete mandatory report (CONF_MANDATORY_REPORT); else 422 and nothing
   * is written. The release row stays locked until commit, so it cannot be revoked in between.
   */
  create(
    caller: AuthenticatedAccount,
    clientId: string,
    request: DisclosureRequest,
  ): Promise<Pick<DisclosureView, 'id' | 'basis' | 'rule'>> {
    const id = randomUUID();
    return this.access.run(
      caller,
      { action: 'disclosure.create', subjectId: id, failureSubjectId: clientId },
      async (scope) => {
        const client = await this.access.openClient(scope, clientId);
        const decision = decideDisclosure({
          basis: await this.basisOf(scope, client, request),
          recipientName: request.recipientName,
          asOf: todayUtc(),
        });
        if (!decision.allowed) throw new EthicsRefusalException(decision);
        const details: DisclosureDetails = {
          recipientName: request.recipientName,
          description: request.description,
          basis: decision.value.kind,
          rule: decision.value.rule,
          courtOrderReference: request.courtOrderReference ?? null,
          mandatoryReport: request.mandatoryReport ?? null,
        };
        await this.disclosures.insert(scope.tx, {
          id,
          coachId: scope.coachId,
          clientId: client.id,
          releaseId: decision.value.kind === 'release' ? (request.releaseId ?? null) : null,
          detailsEnc: await sealDisclosure(client, id, details),
          createdAt: new Date(),
        });
        return { id, basis: details.basis, rule: details.rule };
      },
    );
  }

  /** A client's disclosures, newest first. */
  list(
    caller: AuthenticatedAccount,
    clientId: string,
    page: PageRequest,
  ): Promise<Page<DisclosureView | UnreadableItem>> {
    return this.access.run(caller, { action: 'disclosure.list', subjectId: clientId }, async (scope) => {
      const client = await this.access.openClient(scope, clientId);
      const rows = await this.disclosures.pageByClient(scope.tx, client.id, page);
      return pageOf(
        rows,
        page,
        (row) => row.id,
        (row) => decryptOrMarkUnreadable(row.id, () => openDisclosure(client, row), this.logger),
      );
    });
  }

  /** Every disclosure of the client, oldest first (the client export). */
  async exportAll(scope: CoachScope, client: OpenClient): Promise<DisclosureView[]> {
    const rows = await this.disclosures.findAllByClient(scope.tx, client.id);
    return Promise.all(rows.map((row) => openDisclosure(client, row)));
  }

  private async basisOf(scope: CoachScope, client: OpenClient, request: DisclosureRequest): Promise<DisclosureBasis> {
    if (request.releaseId !== undefined) {
      // Unknown, another coach's or another client's release: no basis, the same refusal.
      const release = await this.releases.findForDisclosure(scope.tx, client, request.releaseId);
      return release ? { kind: 'release', release } : { kind: 'none' };
    }
    if (request.courtOrderReference !== undefined) {
      return { kind: 'court_order', reference: request.courtOrderReference };
    }
    if (request.mandatoryReport !== undefined) return { kind: 'mandatory_report', ...request.mandatoryReport };
    return { kind: 'none' };
  }
}
