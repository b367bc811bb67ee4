import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Argon2Pool } from '#haven/crypto';
import { HavenConfig } from '#haven/platform';

/** One Argon2id thread pool per process, closed with the app. */
@Injectable()
export class Argon2PoolHolder implements OnModuleDestroy {
  readonly pool: Argon2Pool;

  constructor(config: HavenConfig) {
    this.pool = new Argon2Pool({ maxThreads: config.auth.argon2Threads });
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }
}
