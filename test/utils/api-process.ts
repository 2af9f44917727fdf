import { sparePort } from './spare-port';
import { AppProcess, startAppProcess } from './app-process';

export interface ApiProcess extends AppProcess {
  /** http://127.0.0.1:<port> */
  url: string;
}

/**
 * The real API (apps/api/src/main.ts) as a separate OS process on a spare
 * port, for tests that kill or starve it. `env` carries DATABASE_URL,
 * REDIS_URL, REDIS_PREFIX, CAIRN_BOOTSTRAP_API_KEY and the like.
 */
export async function spawnApi(env: Record<string, string>, startTimeoutMs = 120_000): Promise<ApiProcess> {
  const port = await sparePort();
  const started = await startAppProcess(
    'apps/api/src/main.ts',
    {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      CAIRN_MIGRATE_ON_START: 'false',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      ...env,
      PORT: String(port),
    },
    'Cairn API listening',
    'API',
    startTimeoutMs,
  );
  return { ...started, url: `http://127.0.0.1:${port}` };
}
