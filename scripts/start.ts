import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../libs/config/app-config';
import { ensureDatabase, runMigrations } from '../libs/database/migration-runner';
import { startDevMailCatcherUnlessSmtp } from '../libs/mail/dev-mail-catcher';

/**
 * npm start — the whole platform as one process tree: migrate, then the API
 * (with the dashboard) and the worker. Ctrl-C stops both, letting in-flight
 * jobs finish; if either dies, the other is stopped too.
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
  const children = [
    spawnApp('api', join(__dirname, '../apps/api/src/main.js'), env),
    spawnApp('worker', join(__dirname, '../apps/worker/src/main.js'), env),
  ];
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    Promise.all(children.map((child) => new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done))))).then(
      () => process.exit(code),
    );
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  for (const child of children) child.once('exit', (code) => stop(code ?? 1));
}

function spawnApp(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--enable-source-maps', script], {
    env: { ...env, CAIRN_PROCESS: name },
    stdio: 'inherit',
  });
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
