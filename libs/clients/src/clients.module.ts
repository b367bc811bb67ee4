import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#haven/audit';
import { CertificationModule } from '#haven/certification';
import { IdentityModule } from '#haven/identity';
import { ClientAccess } from './client-access.js';
import { ClientExportSections } from './client-export.js';
import { ClientGoalEntity } from './client-goal.entity.js';
import { ClientGoalsRepository } from './client-goals.repository.js';
import { ClientEntity } from './client.entity.js';
import { ClientsController } from './clients.controller.js';
import { ClientsRepository } from './clients.repository.js';
import { ClientsService } from './clients.service.js';
import { FollowUpEntity } from './follow-up.entity.js';
import { FollowUpsController } from './follow-ups.controller.js';
import { FollowUpsRepository } from './follow-ups.repository.js';
import { FollowUpsService } from './follow-ups.service.js';
import { GoalsController } from './goals.controller.js';
import { GoalsService } from './goals.service.js';
import { SupervisionEntryEntity } from './supervision-entry.entity.js';
import { SupervisionController } from './supervision.controller.js';
import { SupervisionRepository } from './supervision.repository.js';
import { SupervisionService } from './supervision.service.js';

/** Clients without HTTP: what records (and later releases, referrals) build on. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ClientEntity, ClientGoalEntity, SupervisionEntryEntity, FollowUpEntity]),
    AuditModule,
    IdentityModule,
    CertificationModule,
  ],
  providers: [
    ClientsRepository,
    ClientGoalsRepository,
    SupervisionRepository,
    FollowUpsRepository,
    ClientAccess,
    ClientExportSections,
    ClientsService,
    GoalsService,
    SupervisionService,
    FollowUpsService,
  ],
  exports: [ClientAccess, ClientExportSections, ClientsService, GoalsService, SupervisionService, FollowUpsService],
})
export class ClientsModule {}

/** The HTTP surface: /clients and what hangs off a client (goals, supervision, follow-ups). */
@Module({
  imports: [ClientsModule],
  controllers: [ClientsController, GoalsController, SupervisionController, FollowUpsController],
})
export class ClientsHttpModule {}
