import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { loadConfig } from '@cairn/config';
import { CoreModule } from '@cairn/core';
import { ensureDatabase, runMigrations } from '@cairn/database';
import { DemoModule, DemoSeeder } from '@cairn/demo';
import { WorkspaceBootstrapService } from '@cairn/workspace';

/** npm run demo — seeds the demo journey into the default workspace (once). */
async function main(): Promise<void> {
  const config = loadConfig();
  await ensureDatabase(config.databaseUrl);
  await runMigrations(config.databaseUrl);
  @Module({ imports: [CoreModule.forRoot(config), DemoModule] })
  class DemoScriptModule {}
  const app = await NestFactory.createApplicationContext(DemoScriptModule, { logger: ['error', 'warn'] });
  try {
    const { workspaceId } = await app.get(WorkspaceBootstrapService).bootstrap();
    const result = await app.get(DemoSeeder).seed(workspaceId);
    const outcome = result.created ? 'created' : result.archived ? 'archived, left as it is' : 'already present';
    process.stdout.write(`demo journey "Online store" ${outcome}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
