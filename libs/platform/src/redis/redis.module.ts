import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { HavenConfig } from '../config/haven-config.js';

/** Keys under this run's prefix: `${prefix}:${name}`. Every Haven Redis key goes through it. */
export class RedisKeys {
  constructor(readonly prefix: string) {}
  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }
}

export const REDIS = Symbol('REDIS');

class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [HavenConfig],
      useFactory: (config: HavenConfig) => new Redis(config.redis.url, { maxRetriesPerRequest: 2 }),
    },
    {
      provide: RedisKeys,
      inject: [HavenConfig],
      useFactory: (config: HavenConfig) => new RedisKeys(config.redis.prefix),
    },
    RedisShutdown,
  ],
  exports: [REDIS, RedisKeys],
})
export class RedisModule {}
