import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
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
    void reply
      .code(404)
      .header('Cache-Control', 'no-store')
      .send({ statusCode: 404, code: notFound.code, message: notFound.message });
    return;
  }
  void reply.code(400).header('Cache-Control', 'no-store').send({
    statusCode: 400,
    code: CommonErrorCode.BAD_REQUEST,
    message: 'The URL is not valid (check its percent-encoding).',
  });
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees a request at all (a raw non-ASCII
 * byte or a space in the path, headers or a URL over 16 KiB, a timeout), and Fastify's default
 * answer is its own shape without `no-store`. This writes Haven's shape on the socket and closes it.
 */
export function answerClientError(error: { code?: string }, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [statusCode, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, CommonErrorCode.BAD_REQUEST, 'The URL or headers are too large (16 KiB at most).']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, CommonErrorCode.BAD_REQUEST, 'The request took too long to arrive.']
        : [
            400,
            CommonErrorCode.BAD_REQUEST,
            'The request is not valid HTTP (check the URL for spaces or raw non-ASCII bytes).',
          ];
  const body = JSON.stringify({ statusCode, code, message });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        'Cache-Control: no-store\r\n' +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
