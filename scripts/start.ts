import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@cairn/config';
import { ensureDatabase, runMigrations } from '@cairn/database';
import { startDevMailCatcherUnlessSmtp } from '@cairn/mail';
import { restartBackoffFromEnv } from '@cairn/ops';
import { ProcessSupervisor } from './process-supervisor';

/**
 * npm start — the whole platform as one process tree: migrate, then the API
 * (with the dashboard) and the worker. A child that dies is restarted with a
 * growing backoff (logged) while the other goes on; Ctrl-C or SIGTERM stops
 * both, letting in-flight jobs finish.
 */
async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const config = loadConfig();
  await ensureDatabase(config.databaseUrl);
  await runMigrations(config.databaseUrl);
  await startDevMailCatcherUnlessSmtp(config); // sets CAIRN_DEV_SMTP_URL for the children
  const env = { ...process.env, CAIRN_MIGRATE_ON_START: 'false' };
  if (args.has('--demo') || process.env.CAIRN_DEMO === 'true') {
    await run(join(__dirname, 'demo.js'), env);
  }
  const supervisor = new ProcessSupervisor(env, restartBackoffFromEnv(process.env.CAIRN_RESTART_BACKOFF));
  supervisor.start({ name: 'api', script: entryPoint('apps/api/src/main') });
  supervisor.start({ name: 'worker', script: entryPoint('apps/worker/src/main') });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void supervisor.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The built .js next to this file, or the .ts source when run from the source tree (tests). */
function entryPoint(path: string): string {
  const built = join(__dirname, '..', `${path}.js`);
  return existsSync(built) ? built : join(__dirname, '..', `${path}.ts`);
}

function run(script: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env, stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`))));
  });
}

main().catch((error) => {
  process.stderr.write(`Cairn failed to start: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
