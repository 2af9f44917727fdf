import { DynamicModule, ForwardReference, INestApplicationContext, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@cairn/config';
import { CoreModule } from '@cairn/core';
import { defaultLayoutDir, PrismaService, runMigrations } from '@cairn/database';
import { OutboxRelayService } from '@cairn/outbox';
import { deleteRedisPrefix } from './redis-prefix';
import { createTestDatabase } from './test-database';
import { testConfig } from './test-app';

type ModuleImport = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

/** One service-test file's Nest module: the lib under test on its own database, no HTTP app, no worker. */
export interface ServiceTest {
  module: INestApplicationContext;
  config: AppConfig;
  /** For assertions on the rows a service wrote; services themselves reach the database through repositories. */
  prisma: PrismaService;
  /** Any provider of the module graph, exported or not (factories use it to reach repositories). */
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

/**
 * The middle test tier (Immich's "medium" tests): builds CoreModule (config,
 * database, Redis, queues, outbox, auth, workspaces — what every app shares)
 * plus the given lib modules, on a database cloned from the migrated
 * template. Outbox rows go to BullMQ under this file's own Redis prefix, and
 * no worker consumes them, so a test sees exactly what the service queued.
 */
export async function createServiceTest(
  imports: ModuleImport[],
  overrides: Partial<AppConfig> = {},
  options: { partitioned?: boolean } = {},
): Promise<ServiceTest> {
  const db = await createTestDatabase();
  // History partitioned by month whatever the template's layout (npm test's is plain), before anything connects.
  if (options.partitioned) await runMigrations(db.url, undefined, { layoutDir: defaultLayoutDir() });
  const config = testConfig(db.url, overrides);
  @Module({ imports: [CoreModule.forRoot(config), ...imports] })
  class ServiceTestModule {}
  let module: INestApplicationContext;
  try {
    // An application context, not an app: no HTTP server, and no worker since no module here starts one.
    module = await NestFactory.createApplicationContext(ServiceTestModule, { logger: ['error', 'warn'] });
  } catch (error) {
    await db.drop();
    throw error;
  }
  return {
    module,
    config,
    prisma: module.get(PrismaService),
    get: (type) => module.get(type, { strict: false }),
    close: async () => {
      // A flush started by a service after its commit must end before the pools close.
      await module.get(OutboxRelayService, { strict: false }).idle();
      await module.close();
      await db.drop();
      await deleteRedisPrefix(config, config.redisPrefix);
    },
  };
}
