import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { HavenConfig } from '../config/haven-config.js';

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
        pinoHttp: {
          level: config.logLevel,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          // Request logs carry method, path and status only: never bodies or query strings.
          serializers: {
            req: (req: { id: unknown; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              path: req.url.split('?')[0],
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          stream: config.logFile ? pino.destination({ dest: config.logFile, sync: true, mkdir: true }) : undefined,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
