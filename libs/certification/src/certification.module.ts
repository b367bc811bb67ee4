import { Module } from '@nestjs/common';
import { AuditModule } from '#haven/audit';
import { IdentityModule } from '#haven/identity';
import { MailModule } from '#haven/mail';
import { AdminCertificationController } from './admin-certification.controller.js';
import { AuditSamplesService } from './audit-samples.service.js';
import { BodyCertificationsController } from './body-certifications.controller.js';
import { BodyCertificationsService } from './body-certifications.service.js';
import { CertificationAccess } from './certification-access.js';
import { CertificationBodiesService } from './certification-bodies.service.js';
import { CertificationRepository } from './certification.repository.js';
import { CoachStanding } from './coach-standing.js';
import { MyCertificationController } from './my-certification.controller.js';
import { MyCertificationService } from './my-certification.service.js';
import { RenewalSweepService } from './sweep/renewal-sweep.service.js';
import { SweepRepository } from './sweep/sweep.repository.js';

/** Certification without HTTP: what clients (CERT_AUDIT at intake) and the worker build on. */
@Module({
  imports: [AuditModule, IdentityModule, MailModule],
  providers: [
    CertificationRepository,
    CertificationAccess,
    CertificationBodiesService,
    BodyCertificationsService,
    MyCertificationService,
    AuditSamplesService,
    CoachStanding,
    SweepRepository,
    RenewalSweepService,
  ],
  exports: [
    CoachStanding,
    RenewalSweepService,
    CertificationBodiesService,
    BodyCertificationsService,
    MyCertificationService,
    AuditSamplesService,
  ],
})
export class CertificationModule {}

/** The HTTP surface: /admin/certification-bodies, /body/*, /me/certification. */
@Module({
  imports: [CertificationModule],
  controllers: [AdminCertificationController, BodyCertificationsController, MyCertificationController],
})
export class CertificationHttpModule {}
