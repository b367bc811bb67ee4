import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';

/**
 * One line per answered request, written from Fastify's own hooks: the request id Fastify gives
 * every request, method, route (the pattern: no ids), path (no query string), status and
 * duration. Never headers, bodies or query strings.
 *
 * It replaces nestjs-pino's request middleware (pino-http behind Nest's middie), which cost every
 * request a child logger with the serialised request, three response listeners and two middleware
 * path matches even when info lines were not written (the bench runs at warn); and Nest 12 mounted
 * it twice on `/health`. Logs written while a request is handled still carry its `reqId`.
 */
export function logRequests(fastify: FastifyInstance, logger: PinoLogger): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    // done() runs the rest of the request inside the context, as nestjs-pino's middleware did.
    logger.runInContext(done, { bindings: { reqId: request.id } });
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const failed = reply.statusCode >= 500;
    // The root logger: the line names its request itself (the context may be gone by now).
    const root = PinoLogger.root;
    if (root.isLevelEnabled(failed ? 'error' : 'info')) {
      root[failed ? 'error' : 'info'](requestLine(request, reply), failed ? 'request failed' : 'request completed');
    }
    done();
  });
}

// Flat fields: pino's own serializers rewrite any `req` or `res` key.
function requestLine(request: FastifyRequest, reply: FastifyReply) {
  return {
    reqId: request.id,
    method: request.method,
    route: request.routeOptions.url ?? null,
    path: request.url.split('?')[0],
    statusCode: reply.statusCode,
    responseTime: Math.round(reply.elapsedTime * 10) / 10,
  };
}
