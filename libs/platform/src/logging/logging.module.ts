import { Module, type NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { HavenConfig } from '../config/haven-config.js';
import { logRequests } from './request-logging.js';

/** Anything that could be a secret or confidential is censored before a log line is written. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.recoveryKey',
  '*.token',
  '*.accessToken',
  '*.secret',
  '*.notes',
  '*.fullName',
  '*.email',
];

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [HavenConfig],
      useFactory: (config: HavenConfig) => ({
        // No request middleware: logRequests writes the request lines from Fastify's hooks.
        forRoutes: [],
        pinoHttp: {
          level: config.logLevel,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          stream: config.logFile ? pino.destination({ dest: config.logFile, sync: true, mkdir: true }) : undefined,
        },
      }),
    }),
  ],
})
export class LoggingModule implements NestModule {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly logger: PinoLogger,
  ) {}

  /** Called before Nest registers its routes, so every route gets the hooks (never in the worker). */
  configure(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify) logRequests(fastify, this.logger);
  }
}
