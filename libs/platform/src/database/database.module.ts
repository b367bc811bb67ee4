import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HavenConfig } from '../config/haven-config.js';

/**
 * The app-role connection pool. Entities register with TypeOrmModule.forFeature in their lib;
 * transactions (RLS identity and audit event) are `Transactions` in libs/audit.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [HavenConfig],
      useFactory: (config: HavenConfig) => ({
        type: 'postgres' as const,
        url: config.database.appUrl,
        autoLoadEntities: true,
        synchronize: false,
        migrationsRun: false,
        extra: { max: config.database.poolSize, application_name: 'haven' },
      }),
    }),
  ],
})
export class DatabaseModule {}
