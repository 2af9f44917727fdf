import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AppConfig, loadConfig } from '../../../libs/config/app-config';
import { HttpErrorFilter } from '../../../libs/common/http-error.filter';
import { ensureDatabase, runMigrations } from '../../../libs/database/migration-runner';
import { createRootLogger, PinoNestLogger } from '../../../libs/ops/logger';
import { MetricsService } from '../../../libs/ops/metrics.service';
import { mountQueueBoard } from '../../../libs/ops/queue-board';
import { WorkspaceBootstrapService } from '../../../libs/workspace/workspace-bootstrap.service';
import { ApiModule } from './api.module';

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
  const rootLogger = createRootLogger(config.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: rootLogger,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(rootLogger),
    abortOnError: false,
  });

  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false }),
  );
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Cairn API').setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  await mountQueueBoard(app);
  await app.get(WorkspaceBootstrapService).bootstrap();
  await app.init();
  await fastify.ready();
  return app;
}
