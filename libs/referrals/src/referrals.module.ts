import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#haven/audit';
import { ClientsModule } from '#haven/clients';
import { MailModule } from '#haven/mail';
import { ClientEndingEntity, ClientReferralEntity } from './engagement.entity.js';
import { ClosePracticeController, EngagementsController } from './engagements.controller.js';
import { EndingsRepository, ReferralsRepository } from './engagements.repository.js';
import { EngagementsService } from './engagements.service.js';
import { CoachSettingsEntity, ProviderEntity, ProviderVettingEntity } from './provider.entity.js';
import { ProvidersController, SettingsController } from './providers.controller.js';
import { ProvidersRepository } from './providers.repository.js';
import { ProvidersService } from './providers.service.js';
import { ReferralsExportSection } from './referrals-export.section.js';
import { RevettingSweep } from './revetting-sweep.js';

/**
 * Providers, referrals, endings and the re-vetting sweep without HTTP; registers the `referrals`
 * and `ending` export sections.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ProviderEntity,
      ProviderVettingEntity,
      CoachSettingsEntity,
      ClientReferralEntity,
      ClientEndingEntity,
    ]),
    AuditModule,
    ClientsModule,
    MailModule,
  ],
  providers: [
    ProvidersRepository,
    ReferralsRepository,
    EndingsRepository,
    ProvidersService,
    EngagementsService,
    ReferralsExportSection,
    RevettingSweep,
  ],
  exports: [ProvidersService, EngagementsService, ProvidersRepository, RevettingSweep],
})
export class ReferralsModule {}

/** The HTTP surface: /providers, /clients/:id/{referrals,end,pause,resume}, /me/settings, /me/close-practice. */
@Module({
  imports: [ReferralsModule],
  controllers: [ProvidersController, SettingsController, EngagementsController, ClosePracticeController],
})
export class ReferralsHttpModule {}
