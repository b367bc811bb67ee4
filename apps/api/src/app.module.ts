import { Module } from '@nestjs/common';
import { AuditModule } from '#haven/audit';
import { CertificationHttpModule } from '#haven/certification';
import { ClientsHttpModule } from '#haven/clients';
import { IdentityHttpModule } from '#haven/identity';
import { RecordsHttpModule } from '#haven/records';
import { ConfigModule, DatabaseModule, HealthController, LoggingModule, RedisModule } from '#haven/platform';

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
    CertificationHttpModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
