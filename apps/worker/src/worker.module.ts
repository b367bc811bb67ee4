import { Module } from '@nestjs/common';
import { AuditJobsModule } from '#haven/audit';
import { ConfigModule, DatabaseModule, LoggingModule, QueueModule, RedisModule } from '#haven/platform';

/** Composition only: each feature brings its jobs module. No HTTP. */
@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, RedisModule, QueueModule, AuditJobsModule],
})
export class WorkerModule {}
