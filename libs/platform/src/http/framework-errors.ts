import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrorCode, NotFoundException } from '../errors/haven.exception.js';

/**
 * Fastify answers some malformed URLs itself, before any route or Nest filter runs, with its own
 * codes, an extra `error` field and the URL echoed back. This gives them Haven's error shape:
 * a path segment too long to be any id is 404 like any unknown id; bad percent-encoding is 400.
 */
export function answerFrameworkError(error: { code?: string }, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const notFound = new NotFoundException();
    void reply.code(404).send({ statusCode: 404, code: notFound.code, message: notFound.message });
    return;
  }
  void reply.code(400).send({
    statusCode: 400,
    code: CommonErrorCode.BAD_REQUEST,
    message: 'The URL is not valid (check its percent-encoding).',
  });
}
