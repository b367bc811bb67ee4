import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CommonErrorCode, HavenException } from './haven.exception.js';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
}

const codeByStatus: Record<number, CommonErrorCode> = {
  400: CommonErrorCode.BAD_REQUEST,
  401: CommonErrorCode.UNAUTHENTICATED,
  403: CommonErrorCode.FORBIDDEN,
  404: CommonErrorCode.NOT_FOUND,
  405: CommonErrorCode.METHOD_NOT_ALLOWED,
  409: CommonErrorCode.CONFLICT,
  413: CommonErrorCode.PAYLOAD_TOO_LARGE,
  415: CommonErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: CommonErrorCode.TOO_MANY_REQUESTS,
  503: CommonErrorCode.SERVICE_UNAVAILABLE,
};

// Fastify's own errors (body parsing, limits) carry a code and a 4xx statusCode.
const fastifyCodes: Record<string, { code: CommonErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: CommonErrorCode.MALFORMED_JSON, message: 'The body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: CommonErrorCode.MALFORMED_JSON,
    message: 'The body is empty although Content-Type says JSON.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: CommonErrorCode.PAYLOAD_TOO_LARGE, message: 'The body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: CommonErrorCode.UNSUPPORTED_MEDIA_TYPE,
    message: 'Send JSON with Content-Type: application/json.',
  },
};

/** Maps every error to `{ statusCode, code, message }`. Unknown errors are 500 and logged, never echoed. */
@Catch()
export class HavenExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HavenExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { body, headers } = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error({ err: describeFailure(exception) }, 'request failed');
    }
    void reply.status(body.statusCode).headers(headers).send(body);
  }

  private toBody(exception: unknown): { body: ErrorBody; headers: Record<string, string> } {
    if (exception instanceof HavenException) {
      return {
        body: { statusCode: exception.statusCode, code: exception.code, message: exception.message },
        headers: exception.headers,
      };
    }
    // Nest wraps Fastify's 4xx errors (bad JSON, body too large) in an HttpException with a cause.
    const fastifyError = (exception instanceof HttpException ? exception.cause : exception) as
      { code?: string; statusCode?: number } | undefined;
    const known = fastifyError?.code ? fastifyCodes[fastifyError.code] : undefined;
    if (known) {
      const statusCode = fastifyError?.statusCode ?? 400;
      return { body: { statusCode, code: known.code, message: known.message }, headers: {} };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      return { body: { statusCode, code: codeFor(statusCode), message: messageOf(exception) }, headers: {} };
    }
    if (
      typeof fastifyError?.statusCode === 'number' &&
      fastifyError.statusCode >= 400 &&
      fastifyError.statusCode < 500
    ) {
      const statusCode = fastifyError.statusCode;
      return {
        body: { statusCode, code: codeFor(statusCode), message: 'The request could not be processed.' },
        headers: {},
      };
    }
    return {
      body: { statusCode: 500, code: CommonErrorCode.INTERNAL_ERROR, message: 'Something went wrong on our side.' },
      headers: {},
    };
  }
}

/**
 * What a log may say about a failure. A database error keeps only its class and what Postgres
 * names (SQLSTATE, table, column, constraint): its message can quote a value ("invalid input
 * syntax ... \"<value>\""), and TypeORM attaches the SQL and its parameters (an email, say), which
 * pino would otherwise print whole. Other errors keep class, message and stack.
 */
export function describeFailure(exception: unknown): Record<string, unknown> {
  if (!(exception instanceof Error)) return { type: typeof exception };
  const database = exception as Error & Partial<Record<'query' | 'parameters' | 'driverError', unknown>>;
  if ('query' in database || 'parameters' in database || 'driverError' in database) {
    const driver = (database.driverError ?? {}) as Record<string, unknown>;
    const named = Object.fromEntries(
      ['code', 'severity', 'table', 'column', 'constraint', 'routine']
        .filter((key) => typeof driver[key] === 'string')
        .map((key) => [key, driver[key]]),
    );
    return { type: exception.name, ...named };
  }
  return { type: exception.name, message: exception.message, stack: exception.stack };
}

function codeFor(statusCode: number): string {
  return codeByStatus[statusCode] ?? (statusCode >= 500 ? CommonErrorCode.INTERNAL_ERROR : CommonErrorCode.BAD_REQUEST);
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
