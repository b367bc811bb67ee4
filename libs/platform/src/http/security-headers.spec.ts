import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { HelmetOptions } from 'helmet';
import { SECURITY_HEADER_OPTIONS, securityHeaders, useSecurityHeaders } from './security-headers.js';

/** The headers of one answer from `app`, without the ones every Fastify answer has. */
async function headersOf(app: FastifyInstance): Promise<Record<string, string>> {
  app.get('/answer', async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { port } = app.server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}/answer`);
    await response.text();
    const headers = Object.fromEntries(response.headers.entries());
    for (const own of ['date', 'connection', 'keep-alive', 'content-length', 'content-type']) delete headers[own];
    return headers;
  } finally {
    await app.close();
  }
}

describe('useSecurityHeaders', () => {
  it('sets the same headers, with the same values, as @fastify/helmet with the same options', async () => {
    const withPlugin = Fastify();
    // The same options; @fastify/helmet declares them with its own copy of helmet's types.
    await withPlugin.register(fastifyHelmet, SECURITY_HEADER_OPTIONS as unknown as FastifyHelmetOptions);
    const sut = Fastify();
    useSecurityHeaders(sut);

    const expected = await headersOf(withPlugin);
    expect(expected['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(await headersOf(sut)).toEqual(expected);
  });

  it('follows the options it is given', () => {
    const options: HelmetOptions = {
      contentSecurityPolicy: SECURITY_HEADER_OPTIONS.contentSecurityPolicy,
      strictTransportSecurity: false,
      xFrameOptions: { action: 'deny' },
    };
    const headers = securityHeaders(options);
    expect(headers['strict-transport-security']).toBeUndefined();
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
  });
});
