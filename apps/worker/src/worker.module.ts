import { Module } from '@nestjs/common';
import { ConfigModule, DatabaseModule, LoggingModule, QueueModule, RedisModule } from '#haven/platform';
import { JOBS_MODULES } from './jobs-modules.js';

/** Composition only: each feature brings its jobs module. No HTTP. */
@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, RedisModule, QueueModule, ...JOBS_MODULES],
})
export class WorkerModule {}
