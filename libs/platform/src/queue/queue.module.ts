import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { HavenConfig } from '../config/haven-config.js';

/** BullMQ over the configured Redis, under this deployment's key prefix. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [HavenConfig],
      useFactory: (config: HavenConfig) => ({
        // Options, not a client: BullMQ then owns its connections and closes them with its workers
        // (a shared client kept the worker process alive after SIGTERM). Workers block on Redis,
        // so BullMQ requires maxRetriesPerRequest null.
        connection: { url: config.redis.url, maxRetriesPerRequest: null },
        prefix: `${config.redis.prefix}:bull`,
      }),
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
