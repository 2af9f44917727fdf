import { AppConfig } from '@cairn/config';
import { AppProcess, startAppProcess } from './app-process';
import { redisEnv } from './redis-prefix';

export type WorkerProcess = AppProcess;

/** The real worker (apps/worker/src/main.ts) as a separate OS process, on the test's database and Redis prefix. */
export async function spawnWorker(config: AppConfig, env: Record<string, string> = {}): Promise<WorkerProcess> {
  return startAppProcess(
    'apps/worker/src/main.ts',
    {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: config.databaseUrl,
      ...redisEnv(config),
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
    'Cairn worker running',
    'worker',
    // As long as an API's: on a loaded 2-core machine (the suite's other files run beside it) a boot can take a minute.
    120_000,
  );
}
