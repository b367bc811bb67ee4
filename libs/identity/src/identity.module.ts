import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#haven/audit';
import { HavenConfig } from '#haven/platform';
import { AccountEntity } from './account.entity.js';
import { AccountsRepository } from './accounts.repository.js';
import { Argon2PoolHolder } from './argon2-pool.provider.js';
import { AccessGuard } from './auth/access.guard.js';
import { JwtStrategy } from './auth/jwt.strategy.js';
import { AuthController } from './auth.controller.js';
import { IdentityService } from './identity.service.js';
import { MeController } from './me.controller.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordPolicy } from './password-policy.js';
import { IpRateLimit } from './throttling/ip-rate-limit.js';
import { FixedWindowCounter } from './throttling/fixed-window-counter.js';
import { LoginThrottle } from './throttling/login-throttle.js';
import { LoginSessionStore } from './login-sessions/login-session-store.js';

const jwtModule = JwtModule.registerAsync({
  inject: [HavenConfig],
  useFactory: (config: HavenConfig) => ({
    secret: createSecretKey(config.secrets.jwtSecret),
    signOptions: { algorithm: 'HS256' as const },
  }),
});

/** Accounts, sessions and vault keys, without HTTP (used by the worker and the CLI). */
@Module({
  imports: [TypeOrmModule.forFeature([AccountEntity]), AuditModule, jwtModule],
  providers: [
    AccountsRepository,
    Argon2PoolHolder,
    PasswordHasher,
    PasswordPolicy,
    IpRateLimit,
    LoginSessionStore,
    FixedWindowCounter,
    LoginThrottle,
    IdentityService,
  ],
  exports: [IdentityService, LoginSessionStore, IpRateLimit, FixedWindowCounter],
})
export class IdentityModule {}

/** The HTTP surface: auth and /me routes, and the global access guard every route passes. */
@Module({
  imports: [IdentityModule, PassportModule, jwtModule],
  controllers: [AuthController, MeController],
  providers: [JwtStrategy, { provide: APP_GUARD, useClass: AccessGuard }],
})
export class IdentityHttpModule {}
