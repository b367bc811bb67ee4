import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ClientAccess,
  type CoachScope,
  EthicsRefusalException,
  OPEN_CLIENT_STATUSES,
  type OpenClient,
  todayUtc,
} from '#haven/clients';
import { type ClientStatus, decideEndEngagement, decideReferral, decideTransferToTherapy } from '#haven/ethics';
import type { AuthenticatedAccount } from '#haven/identity';
import { HavenException, pageOf, type Page, type PageRequest } from '#haven/platform';
import type { EndEngagementRequestDto, PracticeEndingDto, RefusedEndingDto } from './dto/engagement.dto.js';
import { decryptReferral, type ReferralView, sealEnding, sealReferral } from './engagement.mapper.js';
import { EndingsRepository, ReferralsRepository } from './engagements.repository.js';
import type { ProviderEntity } from './provider.entity.js';
import { ProvidersRepository } from './providers.repository.js';
import { ProvidersService } from './providers.service.js';

/**
 * The engagement lifecycle on a client: referrals (PRACTICE_VETTED_REFERRAL, SCOPE_RISK), ending
 * (PRACTICE_NO_ABANDON, SCOPE_CRISIS), pausing, and closing a practice. Every status change goes
 * through the clients state machine (`ClientAccess.moveStatus`).
 */
@Injectable()
export class EngagementsService {
  constructor(
    private readonly access: ClientAccess,
    private readonly providers: ProvidersRepository,
    private readonly providersService: ProvidersService,
    private readonly referrals: ReferralsRepository,
    private readonly endings: EndingsRepository,
  ) {}

  /** A referral to a currently vetted provider of the coach's own list; moves the client on (e.g. to `referred`). */
  refer(
    caller: AuthenticatedAccount,
    clientId: string,
    request: { providerId: string; reason: string },
  ): Promise<{ id: string; status: ClientStatus }> {
    const id = randomUUID();
    const event = { action: 'client.referral.create', subjectId: id, failureSubjectId: clientId };
    return this.access.run(caller, event, async (scope) => {
      const client = await this.access.openClient(scope, clientId);
      await this.vettedProvider(scope, request.providerId);
      const status = await this.access.moveStatus(scope, client, 'referral_recorded');
      await this.insertReferral(scope, client, id, {
        providerId: request.providerId,
        reason: request.reason,
        madeByEnding: false,
      });
      return { id, status };
    });
  }

  listReferrals(caller: AuthenticatedAccount, clientId: string, page: PageRequest): Promise<Page<ReferralView>> {
    return this.access.run(caller, { action: 'client.referral.list', subjectId: clientId }, async (scope) => {
      const client = await this.access.openClient(scope, clientId);
      const rows = await this.referrals.pageByClient(scope.tx, client.id, page);
      return pageOf(
        rows,
        page,
        (row) => row.id,
        (row) => decryptReferral(client, row),
      );
    });
  }

  /**
   * PRACTICE_NO_ABANDON: an explanation and a referral to a currently vetted provider, or 422;
   * SCOPE_CRISIS: a transfer to therapy refers to a therapist or a psychiatrist. The client then
   * accepts no sessions but stays readable and exportable. All or nothing.
   */
  end(
    caller: AuthenticatedAccount,
    clientId: string,
    request: EndEngagementRequestDto,
  ): Promise<{ status: ClientStatus }> {
    const id = randomUUID();
    return this.access.run(caller, { action: 'client.end', subjectId: clientId }, async (scope) => {
      const client = await this.access.openClient(scope, clientId);
      const decision = decideEndEngagement({
        explanation: request.explanation,
        referralProviderId: request.referralProviderId,
      });
      if (!decision.allowed) throw new EthicsRefusalException(decision);
      const providerId = request.referralProviderId!;
      const provider = await this.vettedProvider(scope, providerId);
      if (request.reason === 'transfer_to_therapy') {
        const transfer = decideTransferToTherapy({ providerKind: provider.kind });
        if (!transfer.allowed) throw new EthicsRefusalException(transfer);
      }
      const status = await this.access.moveStatus(scope, client, 'engagement_ended');
      const referralId = randomUUID();
      const explanation = request.explanation!;
      await this.insertReferral(scope, client, referralId, { providerId, reason: explanation, madeByEnding: true });
      await this.endings.insert(scope.tx, {
        id,
        coachId: scope.coachId,
        clientId: client.id,
        referralId,
        endingEnc: await sealEnding(client, id, { explanation, reason: request.reason ?? null, providerId }),
        createdAt: new Date(),
      });
      return { status };
    });
  }

  pause(caller: AuthenticatedAccount, clientId: string): Promise<{ status: ClientStatus }> {
    return this.move(caller, clientId, 'client.pause', 'engagement_paused');
  }

  resume(caller: AuthenticatedAccount, clientId: string): Promise<{ status: ClientStatus }> {
    return this.move(caller, clientId, 'client.resume', 'engagement_resumed');
  }

  /** Every client whose engagement is still open (active, paused, referral required). */
  openClients(caller: AuthenticatedAccount): Promise<{ id: string; status: ClientStatus }[]> {
    return this.access.run(caller, { action: 'practice.close.preview', subjectId: caller.accountId }, (scope) =>
      this.stillOpen(scope),
    );
  }

  /**
   * Ends each listed client through the same rule as `end`, each in its own transaction (all or
   * nothing per client), and names every client still open afterwards.
   */
  async closePractice(
    caller: AuthenticatedAccount,
    endings: PracticeEndingDto[],
  ): Promise<{ ended: string[]; stillOpen: string[]; refused: RefusedEndingDto[] }> {
    const ended: string[] = [];
    const refused: RefusedEndingDto[] = [];
    for (const { clientId, ...ending } of endings) {
      try {
        await this.end(caller, clientId, ending);
        ended.push(clientId);
      } catch (error) {
        if (!(error instanceof HavenException)) throw error;
        refused.push({ clientId, statusCode: error.statusCode, code: error.code, message: error.message });
      }
    }
    const stillOpen = await this.access.run(
      caller,
      { action: 'practice.close', subjectId: caller.accountId },
      (scope) => this.stillOpen(scope),
    );
    return { ended, stillOpen: stillOpen.map((client) => client.id), refused };
  }

  private move(
    caller: AuthenticatedAccount,
    clientId: string,
    action: string,
    event: 'engagement_paused' | 'engagement_resumed',
  ): Promise<{ status: ClientStatus }> {
    return this.access.run(caller, { action, subjectId: clientId }, async (scope) => {
      const client = await this.access.openClient(scope, clientId);
      return { status: await this.access.moveStatus(scope, client, event) };
    });
  }

  private async stillOpen(scope: CoachScope): Promise<{ id: string; status: ClientStatus }[]> {
    const clients = await this.access.openAllClients(scope);
    return [...clients.values()]
      .filter((client) => OPEN_CLIENT_STATUSES.includes(client.status))
      .map((client) => ({ id: client.id, status: client.status }));
  }

  /**
   * PRACTICE_VETTED_REFERRAL: the coach's own provider (404 otherwise, the same answer as an
   * unknown id), on the list (not archived) and vetted within the coach's period as of today.
   */
  private async vettedProvider(scope: CoachScope, providerId: string): Promise<ProviderEntity> {
    const provider = await this.providersService.ownProvider(scope, providerId);
    const decision = decideReferral({
      providerOwnedByCoach: provider.archivedAt === null,
      vettedOn: provider.lastVettedOn,
      asOf: todayUtc(),
      revettingMonths: await this.providers.vettingPeriodMonths(scope.tx, scope.coachId),
    });
    if (!decision.allowed) throw new EthicsRefusalException(decision);
    return provider;
  }

  private async insertReferral(
    scope: CoachScope,
    client: OpenClient,
    id: string,
    facts: { providerId: string; reason: string; madeByEnding: boolean },
  ): Promise<void> {
    await this.referrals.insert(scope.tx, {
      id,
      coachId: scope.coachId,
      clientId: client.id,
      referralEnc: await sealReferral(client, id, facts),
      createdAt: new Date(),
    });
  }
}
