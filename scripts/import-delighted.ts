import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { loadConfig } from '@cairn/config';
import { CoreModule } from '@cairn/core';
import { ensureDatabase, runMigrations } from '@cairn/database';
import { parseDelightedCsv, DelightedImportService, DelightedSurveyRepository, DelightedSurveyService } from '@cairn/delighted';
import { PeopleModule } from '@cairn/people';
import { ResponseImportModule } from '@cairn/responses';
import { DEFAULT_WORKSPACE, WorkspaceBootstrapService, WorkspaceRepository } from '@cairn/workspace';

const USAGE = 'usage: npm run import:delighted -- <export.csv> [--workspace <slug>]   (default workspace: default)';

/** npm run import:delighted -- file.csv — past Delighted responses into the Delighted touchpoint. */
async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf('--workspace');
  const slug = at >= 0 ? argv[at + 1] : DEFAULT_WORKSPACE;
  const file = argv.find((arg, i) => !arg.startsWith('--') && (at < 0 || i !== at + 1));
  if (!file || !slug) throw new Error(USAGE);
  const { rows, errors } = parseDelightedCsv(readFileSync(file, 'utf8'));

  const config = loadConfig();
  await ensureDatabase(config.databaseUrl);
  await runMigrations(config.databaseUrl);
  @Module({
    imports: [CoreModule.forRoot(config), PeopleModule, ResponseImportModule],
    providers: [DelightedImportService, DelightedSurveyService, DelightedSurveyRepository],
  })
  class ImportScriptModule {}
  const app = await NestFactory.createApplicationContext(ImportScriptModule, { logger: ['error', 'warn'] });
  try {
    // Like `npm run demo`: the default workspace exists even before the first `npm start`.
    const workspaceId =
      slug === DEFAULT_WORKSPACE
        ? (await app.get(WorkspaceBootstrapService).bootstrap()).workspaceId
        : (await app.get(WorkspaceRepository).findBySlug(slug))?.id;
    if (!workspaceId) throw new Error(`no workspace "${slug}"`);
    const result = await app.get(DelightedImportService).import(workspaceId, rows);
    const failed = [...errors, ...result.failed].sort((a, b) => a.line - b.line);
    for (const { line, error } of failed) process.stderr.write(`line ${line}: ${error}\n`);
    process.stdout.write(`imported ${result.imported}, already there ${result.skipped}, failed ${failed.length}\n`);
    if (failed.length) process.exitCode = 2;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`import failed: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
