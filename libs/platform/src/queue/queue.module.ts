import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { Redis } from 'ioredis';
import { HavenConfig } from '../config/haven-config.js';

/** BullMQ over the configured Redis, under this deployment's key prefix. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [HavenConfig],
      useFactory: (config: HavenConfig) => ({
        // Workers block on Redis: BullMQ requires maxRetriesPerRequest null on their connection.
        connection: new Redis(config.redis.url, { maxRetriesPerRequest: null }),
        prefix: `${config.redis.prefix}:bull`,
      }),
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
