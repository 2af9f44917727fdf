import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { AppConfig } from '../../libs/config/app-config';
import { waitFor } from './test-worker';

const ROOT = join(__dirname, '../..');

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit signal or code. */
  exited: Promise<string>;
}

/** The real worker (apps/worker/src/main.ts) as a separate OS process, on the test's database and Redis prefix. */
export async function spawnWorker(config: AppConfig, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-r', join(__dirname, 'ts-register.js'), join(ROOT, 'apps/worker/src/main.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      REDIS_PREFIX: config.redisPrefix,
      PUBLIC_BASE_URL: config.publicBaseUrl,
      MAIL_FROM: config.mailFrom,
      ...(config.smtpUrl ? { SMTP_URL: config.smtpUrl } : {}),
      PORT: '0',
      WORKER_HEALTH_PORT: '0',
      LOG_LEVEL: 'warn',
      CAIRN_MIGRATE_ON_START: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  let gone = false;
  void exited.then(() => (gone = true));
  await waitFor(
    () => {
      if (gone) throw new Error(`worker exited during start:\n${output}`);
      return output.includes('Cairn worker running');
    },
    60_000,
    'the worker process to start',
  ).catch((error) => {
    child.kill('SIGKILL'); // a worker that never came up must not linger and take jobs later
    throw new Error(`${(error as Error).message}; its output so far:\n${output.slice(-2000)}`);
  });
  return { child, output: () => output, exited };
}
