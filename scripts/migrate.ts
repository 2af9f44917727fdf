import { loadConfig } from '@cairn/config';
import { ensureDatabase, runMigrations } from '@cairn/database';

/** npm run db:migrate — creates the database if needed and applies pending migrations. */
async function main(): Promise<void> {
  const { databaseUrl } = loadConfig();
  await ensureDatabase(databaseUrl);
  const result = await runMigrations(databaseUrl);
  const applied = result.applied.length ? result.applied.join(', ') : 'none';
  process.stdout.write(`migrations applied: ${applied} (${result.alreadyApplied} already applied)\n`);
  if (result.layout.length) process.stdout.write(`layout steps applied: ${result.layout.join(', ')}\n`);
}

main().catch((error) => {
  process.stderr.write(`migration failed: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
