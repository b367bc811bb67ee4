import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '#haven/audit';
import { ClientsModule } from '#haven/clients';
import { IdentityModule } from '#haven/identity';
import { MailModule } from '#haven/mail';
import { DisclosuresController } from './disclosures.controller.js';
import { DisclosuresRepository } from './disclosures.repository.js';
import { DisclosuresService } from './disclosures.service.js';
import { EXPIRE_RELEASES_SCHEDULE, ExpireReleasesJob, ReleaseExpirySweep } from './jobs/expire-releases.job.js';
import { RELEASES_QUEUE } from './jobs/releases.queue.js';
import { PublicReleasesController } from './public-releases.controller.js';
import { ReleaseLinkMail } from './release-link.mail.js';
import { DisclosuresExportSection, ReleasesExportSection } from './releases-export.sections.js';
import { ReleasesController } from './releases.controller.js';
import { ReleasesRepository } from './releases.repository.js';
import { ReleasesService } from './releases.service.js';
import { ReleaseSeal } from './sealing/release-seal.js';
import { SealKeyController } from './sealing/seal-key.controller.js';
import { SigningLinkThrottle } from './signing-link.throttle.js';
import { SigningService } from './signing.service.js';

/** Releases and disclosures without HTTP; registers the `releases` and `disclosures` export sections. */
@Module({
  imports: [AuditModule, IdentityModule, ClientsModule, MailModule],
  providers: [
    ReleasesRepository,
    DisclosuresRepository,
    ReleaseSeal,
    ReleaseLinkMail,
    ReleasesService,
    SigningLinkThrottle,
    SigningService,
    DisclosuresService,
    ReleasesExportSection,
    DisclosuresExportSection,
    ReleaseExpirySweep,
  ],
  exports: [ReleasesService, SigningService, DisclosuresService, ReleaseSeal, ReleaseExpirySweep],
})
export class ReleasesModule {}

/** The HTTP surface: coach routes, the public signing routes and the published seal key. */
@Module({
  imports: [ReleasesModule],
  controllers: [ReleasesController, DisclosuresController, PublicReleasesController, SealKeyController],
})
export class ReleasesHttpModule {}

/** The worker side: the releases queue, its expiry job and the job's hourly schedule. */
@Module({
  imports: [AuditModule, BullModule.registerQueue({ name: RELEASES_QUEUE })],
  providers: [ReleasesRepository, ReleaseExpirySweep, ExpireReleasesJob],
  exports: [ReleaseExpirySweep],
})
export class ReleasesJobsModule {
  static readonly schedules = [EXPIRE_RELEASES_SCHEDULE];
}
