import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HavenConfig } from '../config/haven-config.js';
import { CoachTransactions } from './coach-transactions.js';

/** The app-role connection pool. Entities register with TypeOrmModule.forFeature in their lib. */
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
  providers: [CoachTransactions],
  exports: [CoachTransactions],
})
export class DatabaseModule {}
