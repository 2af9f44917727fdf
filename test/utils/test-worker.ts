import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { AppConfig } from '@cairn/config';

/** The real worker, in this test process, on the same database and Redis prefix as the test's API. */
export async function startTestWorker(config: AppConfig): Promise<NestFastifyApplication> {
  return createWorkerApp(config);
}

// Most tests import waitFor from here, beside the worker they wait on.
export { waitFor } from './wait-for';
