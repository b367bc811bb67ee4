import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { securityHeaders } from '#haven/platform';

/**
 * The headers of the signing page and its files: nothing but its own scripts, styles and images,
 * no inline code, no frames, no form posts, no referrer, nothing cached (the page shows a release).
 */
export const SIGNING_PAGE_HEADERS: Readonly<Record<string, string>> = {
  ...securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  }),
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex, nofollow',
};

const NOT_BUILT =
  'The signing page is not built on this server: run npm run build (it writes dist/web), then restart Haven.\n';

/**
 * Serves the client's signing page (apps/web, built by Vite into `webDir`) at GET /r and its files
 * at GET /r/assets/*. The token travels in the fragment (`/r#<token>`), which browsers never send:
 * these routes see no token. Without a build, both answer 503 with a sentence saying what to run.
 */
export async function serveSigningPage(app: NestFastifyApplication, webDir: string): Promise<void> {
  // `serve: false`: only reply.sendFile, which resolves names under the given root and refuses `..`.
  await app.register(fastifyStatic, { serve: false });
  const fastify = app.getHttpAdapter().getInstance();
  const page = join(webDir, 'index.html');

  function answer(reply: FastifyReply, file: string) {
    reply.headers(SIGNING_PAGE_HEADERS);
    if (!existsSync(page)) return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    return reply.sendFile(file, webDir, { cacheControl: false, dotfiles: 'deny', index: false });
  }

  for (const path of ['/r', '/r/']) fastify.get(path, (_request, reply) => answer(reply, 'index.html'));
  fastify.get<{ Params: { '*': string } }>('/r/assets/*', (request, reply) =>
    answer(reply, `assets/${request.params['*']}`),
  );
}
