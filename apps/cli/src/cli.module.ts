import { Module } from '@nestjs/common';
import { IdentityModule } from '#haven/identity';
import { ConfigModule, DatabaseModule, RedisModule } from '#haven/platform';

/** What operator commands need: no HTTP, no queue workers. */
@Module({ imports: [ConfigModule, DatabaseModule, RedisModule, IdentityModule] })
export class CliModule {}
