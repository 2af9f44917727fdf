import 'reflect-metadata';
import fastifyCompress from '@fastify/compress';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AppConfig, loadConfig } from '@cairn/config';
import { API_VALIDATION, FastPathValidationPipe, registerInputSafety } from '@cairn/common';
import { CreateEventDto, eventBodyFastPath } from '@cairn/distribution';
import { DelightedAwareErrorFilter } from './delighted/delighted-aware-error.filter';
import { dropBodylessContentTypeUnder } from './delighted/bodyless-json.hook';
import { RedisUnavailableFilter } from '@cairn/redis';
import { ensureDatabase, runMigrations } from '@cairn/database';
import { logDestination, createRootLogger, PinoNestLogger, MetricsService, mountQueueBoard } from '@cairn/ops';
import { WorkspaceBootstrapService } from '@cairn/workspace';
import { DELIGHTED_PATH, rewriteDelightedUrl } from '@cairn/delighted';
import { ApiModule } from './api.module';
import { registerDashboard } from './dashboard/dashboard.setup';
import { UserBootstrapService } from '@cairn/users';

export interface ApiAppOptions {
  config?: AppConfig;
}

/** Builds the API app (migrated database, default workspace) without listening; main.ts and tests share it. */
export async function createApiApp(options: ApiAppOptions = {}): Promise<NestFastifyApplication> {
  const config = options.config ?? loadConfig();
  if (config.migrateOnStart) {
    await ensureDatabase(config.databaseUrl);
    await runMigrations(config.databaseUrl);
  }
  const rootLogger = createRootLogger(config.logLevel, logDestination(config.logFormat));
  const adapter = new FastifyAdapter({
    loggerInstance: rootLogger,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    rewriteUrl: (request: { url?: string }) => rewriteDelightedUrl(request),
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(rootLogger),
    abortOnError: false,
  });

  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  // Nest parses the survey page's form posts itself; RFC 8058 one-click unsubscribes may come as multipart, whose fields nobody reads.
  fastify.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, _body, done) =>
    done(null, {}),
  );
  registerInputSafety(fastify);
  // A route may take larger bodies than the 1 MB default through @RouteConfig({ bodyLimit }) (the history import does).
  fastify.addHook('onRoute', (route) => {
    const bodyLimit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof bodyLimit === 'number') route.bodyLimit = bodyLimit;
  });
  dropBodylessContentTypeUnder(fastify, `/${DELIGHTED_PATH}/`);
  // Every text response (JSON, HTML, scripts, styles) in brotli or gzip when the client accepts it; the plugin leaves
  // bodies under 1 KB, types mime-db calls incompressible, and responses that already carry a Content-Encoding alone.
  // Registered before any route so its hooks reach them all; brotli stays at the plugin's quality 4 (11 costs far more CPU).
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: 1024 });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  // POST /api/v1/events' usual body skips class-validator (a third of the API's CPU per event); any other goes through it.
  const fastPaths = new Map([[CreateEventDto, eventBodyFastPath]]);
  app.useGlobalPipes(new FastPathValidationPipe(fastPaths, API_VALIDATION));
  // The later filter is asked first: a Redis outage is a 503 with Retry-After, everything else as before.
  app.useGlobalFilters(new DelightedAwareErrorFilter(), new RedisUnavailableFilter());
  app.enableShutdownHooks();

  // Built on the first read of /docs or /docs-json, not at every start: scanning every route and DTO took ~0.4 s of CPU.
  const document = () =>
    SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Cairn API').setVersion('1').addBearerAuth().build());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  await registerDashboard(app);
  await mountQueueBoard(app);
  const { workspaceId } = await app.get(WorkspaceBootstrapService).bootstrap();
  await app.get(UserBootstrapService).ensureAdmin(workspaceId);
  await app.init();
  await fastify.ready();
  return app;
}
