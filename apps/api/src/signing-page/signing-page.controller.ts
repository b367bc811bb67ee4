import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HavenConfig, Public, securityHeaders } from '#haven/platform';

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

/** The paths outside the API's `api/v1` prefix. */
export const SIGNING_PAGE_ROUTES = ['r', 'r/assets/:file'];

const NOT_BUILT =
  'The signing page is not built on this server: run npm run build (it writes dist/web), then restart Haven.\n';

/**
 * The client's signing page (apps/web, built by Vite into HAVEN_WEB_DIR) at GET /r and its files at
 * GET /r/assets/:file. The token travels in the fragment (`/r#<token>`), which browsers never send:
 * these routes see no token. Files, not use cases: no transaction and no audit event (the public
 * release routes the page calls are audited). Without a build, both answer 503 saying what to run.
 */
@ApiExcludeController()
@Public()
@Controller('r')
export class SigningPageController {
  constructor(private readonly config: HavenConfig) {}

  @Get()
  page(@Res() reply: FastifyReply): FastifyReply {
    return this.send(reply, 'index.html');
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() reply: FastifyReply): FastifyReply {
    return this.send(reply, `assets/${file}`);
  }

  private send(reply: FastifyReply, file: string): FastifyReply {
    const webDir = this.config.webDir;
    reply.headers(SIGNING_PAGE_HEADERS);
    if (!existsSync(join(webDir, 'index.html'))) {
      return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    }
    // @fastify/static's sendFile resolves `file` under webDir and refuses any path that leaves it.
    return reply.sendFile(file, webDir, { cacheControl: false, dotfiles: 'deny', index: false });
  }
}
