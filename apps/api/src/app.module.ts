import { Module } from '@nestjs/common';
import { AuditModule } from '#haven/audit';
import { IdentityHttpModule } from '#haven/identity';
import { ConfigModule, DatabaseModule, HealthController, LoggingModule, RedisModule } from '#haven/platform';

/** Composition only: each feature brings its own HTTP module. */
@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, RedisModule, AuditModule, IdentityHttpModule],
  controllers: [HealthController],
})
export class AppModule {}
