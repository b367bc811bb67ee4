import { Global, Module } from '@nestjs/common';
import { HavenConfig } from './haven-config.js';
import { loadConfig } from './load-config.js';

/** Validates the environment at boot; everything else injects HavenConfig. */
@Global()
@Module({
  providers: [{ provide: HavenConfig, useFactory: () => loadConfig() }],
  exports: [HavenConfig],
})
export class ConfigModule {}
