import { Module, RequestMethod } from '@nestjs/common';
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

/**
 * Every route, under the global prefix or not, logged once. With nestjs-pino's default routes Nest
 * 12 mounts the logger on `/health` twice (once as a path excluded from the prefix, once as the
 * controller route `/health/`), each mount with its own "already handled" check, so every
 * `/health` was logged twice. A leading-slash wildcard is mounted as one route on all its paths
 * (the prefixed ones and the excluded ones), and Nest runs a middleware once per route.
 */
const REQUEST_LOG_ROUTES = [{ path: '/{*splat}', method: RequestMethod.ALL }];

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [HavenConfig],
      useFactory: (config: HavenConfig) => ({
        forRoutes: REQUEST_LOG_ROUTES,
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
