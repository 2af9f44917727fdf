import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { AppConfig } from '@cairn/config';

/** The real worker, in this test process, on the same database and Redis prefix as the test's API. */
export async function startTestWorker(config: AppConfig): Promise<NestFastifyApplication> {
  return createWorkerApp(config);
}

/** Polls until `check` returns a truthy value; the alternative to sleeping in tests. */
export async function waitFor<T>(
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 15_000,
  label = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
