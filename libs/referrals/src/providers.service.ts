import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ClientAccess, type CoachScope, todayUtc } from '#haven/clients';
import type { AuthenticatedAccount } from '#haven/identity';
import { NotFoundException, pageOf, type Page, type PageRequest } from '#haven/platform';
import type { AddVettingRequestDto, CreateProviderRequestDto } from './dto/provider.request.dto.js';
import type { ProviderEntity } from './provider.entity.js';
import {
  decryptVetting,
  type ProviderView,
  sealVettingNotes,
  toProviderView,
  type VettingView,
  vettingStatus,
} from './provider.mapper.js';
import { ProvidersRepository } from './providers.repository.js';

export type VettingState = { vettingDueOn: string; vettingCurrent: boolean };

/** Each coach's private list of vetted providers (PRACTICE_VETTED_REFERRAL), and the vetting period. */
@Injectable()
export class ProvidersService {
  constructor(
    private readonly access: ClientAccess,
    private readonly providers: ProvidersRepository,
  ) {}

  create(caller: AuthenticatedAccount, request: CreateProviderRequestDto): Promise<{ id: string } & VettingState> {
    const id = randomUUID();
    const vettingId = randomUUID();
    return this.access.run(caller, { action: 'provider.create', subjectId: id }, async (scope) => {
      const createdAt = new Date();
      await this.providers.insert(
        scope.tx,
        {
          id,
          coachId: scope.coachId,
          name: request.name,
          kind: request.kind,
          organization: request.organization ?? null,
          contact: request.contact,
          specialties: request.specialties ?? [],
          lastVettedOn: request.vettedOn,
          archivedAt: null,
          createdAt,
        },
        {
          id: vettingId,
          coachId: scope.coachId,
          providerId: id,
          vettedOn: request.vettedOn,
          notesEnc: await sealVettingNotes(scope, vettingId, request.vettingNotes),
          createdAt,
        },
      );
      return { id, ...(await this.vettingState(scope, request.vettedOn)) };
    });
  }

  list(caller: AuthenticatedAccount, page: PageRequest): Promise<Page<ProviderView>> {
    return this.access.run(caller, { action: 'provider.list', subjectId: caller.accountId }, async (scope) => {
      const [rows, months] = await Promise.all([
        this.providers.page(scope.tx, scope.coachId, page),
        this.providers.vettingPeriodMonths(scope.tx, scope.coachId),
      ]);
      const today = todayUtc();
      return pageOf(
        rows,
        page,
        (row) => row.id,
        async (row) => toProviderView(row, months, today),
      );
    });
  }

  get(caller: AuthenticatedAccount, providerId: string): Promise<ProviderView & { vettings: VettingView[] }> {
    return this.access.run(caller, { action: 'provider.read', subjectId: providerId }, async (scope) => {
      const provider = await this.ownProvider(scope, providerId);
      const [vettings, months] = await Promise.all([
        this.providers.vettings(scope.tx, provider.id),
        this.providers.vettingPeriodMonths(scope.tx, scope.coachId),
      ]);
      return {
        ...toProviderView(provider, months, todayUtc()),
        vettings: await Promise.all(vettings.map((vetting) => decryptVetting(scope, vetting))),
      };
    });
  }

  /** A re-vetting: the provider's latest vetting day moves forward (never back) to this one's. */
  addVetting(
    caller: AuthenticatedAccount,
    providerId: string,
    request: AddVettingRequestDto,
  ): Promise<{ id: string } & VettingState> {
    const id = randomUUID();
    const event = { action: 'provider.vetting.create', subjectId: id, failureSubjectId: providerId };
    return this.access.run(caller, event, async (scope) => {
      const provider = await this.ownProvider(scope, providerId);
      const lastVettedOn = await this.providers.addVetting(scope.tx, {
        id,
        coachId: scope.coachId,
        providerId: provider.id,
        vettedOn: request.vettedOn,
        notesEnc: await sealVettingNotes(scope, id, request.notes),
        createdAt: new Date(),
      });
      return { id, ...(await this.vettingState(scope, lastVettedOn)) };
    });
  }

  /** Off the list for new referrals; never deleted, so the referrals that name it keep their provider. */
  archive(caller: AuthenticatedAccount, providerId: string): Promise<ProviderView> {
    return this.access.run(caller, { action: 'provider.archive', subjectId: providerId }, async (scope) => {
      const provider = await this.ownProvider(scope, providerId);
      const archivedAt = await this.providers.archive(scope.tx, provider.id, new Date());
      const months = await this.providers.vettingPeriodMonths(scope.tx, scope.coachId);
      return toProviderView({ ...provider, archivedAt }, months, todayUtc());
    });
  }

  settings(caller: AuthenticatedAccount): Promise<{ vettingPeriodMonths: number }> {
    return this.access.run(caller, { action: 'coach.settings.read', subjectId: caller.accountId }, async (scope) => ({
      vettingPeriodMonths: await this.providers.vettingPeriodMonths(scope.tx, scope.coachId),
    }));
  }

  updateSettings(caller: AuthenticatedAccount, vettingPeriodMonths: number): Promise<{ vettingPeriodMonths: number }> {
    return this.access.run(caller, { action: 'coach.settings.update', subjectId: caller.accountId }, async (scope) => {
      await this.providers.setVettingPeriodMonths(scope.tx, scope.coachId, vettingPeriodMonths, new Date());
      return { vettingPeriodMonths };
    });
  }

  /** The caller's provider; 404 with the same answer for an unknown id and another coach's provider. */
  async ownProvider(scope: CoachScope, providerId: string): Promise<ProviderEntity> {
    const provider = await this.providers.findOne(scope.tx, scope.coachId, providerId);
    if (!provider) throw new NotFoundException('provider');
    return provider;
  }

  private async vettingState(scope: CoachScope, lastVettedOn: string): Promise<VettingState> {
    return vettingStatus(lastVettedOn, await this.providers.vettingPeriodMonths(scope.tx, scope.coachId), todayUtc());
  }
}
