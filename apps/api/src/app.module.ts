import { Module } from '@nestjs/common';
import { AuditModule } from '#haven/audit';
import { CertificationHttpModule } from '#haven/certification';
import { ClientsHttpModule } from '#haven/clients';
import { IdentityHttpModule } from '#haven/identity';
import { RecordsHttpModule } from '#haven/records';
import { ReleasesHttpModule } from '#haven/releases';
import { ReferralsHttpModule } from '#haven/referrals';
import { ConfigModule, DatabaseModule, HealthController, LoggingModule, RedisModule } from '#haven/platform';
import { SigningPageController } from './signing-page/signing-page.controller.js';

/** Composition only: each feature brings its own HTTP module. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    AuditModule,
    IdentityHttpModule,
    ClientsHttpModule,
    RecordsHttpModule,
    ReleasesHttpModule,
    ReferralsHttpModule,
    CertificationHttpModule,
  ],
  controllers: [HealthController, SigningPageController],
})
export class AppModule {}
