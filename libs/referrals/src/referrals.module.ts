import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClientsModule } from '#haven/clients';
import { ClientEndingEntity, ClientReferralEntity } from './engagement.entity.js';
import { ClosePracticeController, EngagementsController } from './engagements.controller.js';
import { EndingsRepository, ReferralsRepository } from './engagements.repository.js';
import { EngagementsService } from './engagements.service.js';
import { CoachSettingsEntity, ProviderEntity, ProviderVettingEntity } from './provider.entity.js';
import { ProvidersController, SettingsController } from './providers.controller.js';
import { ProvidersRepository } from './providers.repository.js';
import { ProvidersService } from './providers.service.js';
import { ReferralsExportSection } from './referrals-export.section.js';

/** Providers, referrals and endings without HTTP; registers the `referrals` and `ending` export sections. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ProviderEntity,
      ProviderVettingEntity,
      CoachSettingsEntity,
      ClientReferralEntity,
      ClientEndingEntity,
    ]),
    ClientsModule,
  ],
  providers: [
    ProvidersRepository,
    ReferralsRepository,
    EndingsRepository,
    ProvidersService,
    EngagementsService,
    ReferralsExportSection,
  ],
  exports: [ProvidersService, EngagementsService, ProvidersRepository],
})
export class ReferralsModule {}

/** The HTTP surface: /providers, /clients/:id/{referrals,end,pause,resume}, /me/settings, /me/close-practice. */
@Module({
  imports: [ReferralsModule],
  controllers: [ProvidersController, SettingsController, EngagementsController, ClosePracticeController],
})
export class ReferralsHttpModule {}
