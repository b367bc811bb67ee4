import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ClientExportSections, type ClientExportSection, type CoachScope, type OpenClient } from '#haven/clients';
import { decryptEnding, decryptReferral, type EndingView, type ReferralView } from './engagement.mapper.js';
import { EndingsRepository, ReferralsRepository } from './engagements.repository.js';
import { ProvidersRepository } from './providers.repository.js';

type ProviderSummary = { id: string; name: string; kind: string; organization: string | null; contact: string };
type ExportedReferral = Omit<ReferralView, 'recordedAt'> & { recordedAt: string; provider: ProviderSummary | null };
type ExportedEnding = Omit<EndingView, 'endedAt'> & { endedAt: string; provider: ProviderSummary | null };

/**
 * The `referrals` and `ending` parts of GET /clients/:id/export: every referral oldest first, and
 * how the engagement ended (null while it has not), each with the provider it names.
 */
@Injectable()
export class ReferralsExportSection implements ClientExportSection, OnModuleInit {
  readonly name = 'referrals';

  constructor(
    private readonly sections: ClientExportSections,
    private readonly referrals: ReferralsRepository,
    private readonly endings: EndingsRepository,
    private readonly providers: ProvidersRepository,
  ) {}

  onModuleInit(): void {
    this.sections.register(this);
    this.sections.register({ name: 'ending', collect: (scope, client) => this.collectEnding(scope, client) });
  }

  async collect(scope: CoachScope, client: OpenClient): Promise<ExportedReferral[]> {
    const rows = await this.referrals.findAllByClient(scope.tx, client.id);
    return Promise.all(
      rows.map(async (row) => {
        const { recordedAt, ...referral } = await decryptReferral(client, row);
        return {
          ...referral,
          recordedAt: recordedAt.toISOString(),
          provider: await this.provider(scope, referral.providerId),
        };
      }),
    );
  }

  private async collectEnding(scope: CoachScope, client: OpenClient): Promise<ExportedEnding | null> {
    const [row] = await this.endings.findAllByClient(scope.tx, client.id);
    if (!row) return null;
    const { endedAt, ...ending } = await decryptEnding(client, row);
    return { ...ending, endedAt: endedAt.toISOString(), provider: await this.provider(scope, ending.providerId) };
  }

  private async provider(scope: CoachScope, providerId: string): Promise<ProviderSummary | null> {
    const provider = await this.providers.findOne(scope.tx, scope.coachId, providerId);
    if (!provider) return null;
    const { id, name, kind, organization, contact } = provider;
    return { id, name, kind, organization, contact };
  }
}
