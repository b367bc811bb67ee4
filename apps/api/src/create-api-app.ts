import 'reflect-metadata';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import {
  answerClientError,
  answerFrameworkError,
  COMMON_ERROR_RESPONSES,
  createValidationPipe,
  ErrorResponseDto,
  HavenConfig,
  HavenExceptionFilter,
  loadConfig,
  useStrictJsonParser,
  useSecurityHeaders,
} from '#haven/platform';
import { AppModule } from './app.module.js';
import { SIGNING_PAGE_ROUTES } from './signing-page/signing-page.controller.js';

// A 10 MB body is refused before it is read: nothing Haven accepts comes close to 1 MiB.
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Builds the API with every global concern (pipes, filter, headers, docs); the caller listens.
 * `bootConfig` configures the HTTP server itself (trusted proxies), which exists before Nest does.
 */
export async function createApiApp(bootConfig: HavenConfig = loadConfig()): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      // false, or the listed proxies: request.ip (login throttling) is then the forwarded client.
      trustProxy: bootConfig.trustedProxies.length > 0 ? bootConfig.trustedProxies : false,
      frameworkErrors: answerFrameworkError,
      clientErrorHandler: answerClientError,
    }),
    // Nest would register its own JSON parser at init; ours (useStrictJsonParser) replaces Fastify's.
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  const config = app.get(HavenConfig);

  app.enableCors({ origin: config.corsOrigins.length > 0 ? config.corsOrigins : false, credentials: false });
  app.setGlobalPrefix('api/v1', { exclude: ['health', ...SIGNING_PAGE_ROUTES] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HavenExceptionFilter());

  const fastify = app.getHttpAdapter().getInstance();
  useSecurityHeaders(fastify);
  // The API speaks JSON only: any other body is 415 (Fastify would otherwise hand plain text to the DTOs).
  fastify.removeContentTypeParser(['text/plain']);
  useStrictJsonParser(fastify);
  // reply.sendFile for the signing page (SigningPageController); `serve: false` mounts no route.
  await app.register(fastifyStatic, { serve: false });
  // Answers about clients and sessions must never sit in a browser or proxy cache. Every answer,
  // whatever the request line looked like: a prefix test on request.url missed the absolute form
  // (`GET http://host/api/v1/...`). A route that may be cached says so with its own Cache-Control.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
    done(null, payload);
  });

  const openApi = new DocumentBuilder()
    .setTitle('Haven API')
    .setDescription('Practice management for trauma-recovery coaches, with their code of ethics built in.')
    .setVersion('1')
    .addBearerAuth()
    .addGlobalResponse(...COMMON_ERROR_RESPONSES)
    .build();
  const document = () => SwaggerModule.createDocument(app, openApi, { extraModels: [ErrorResponseDto] });
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
  return app;
}
