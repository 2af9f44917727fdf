import { loadConfig } from '@cairn/config';
import { createWorkerApp } from './create-worker-app';

async function main(): Promise<void> {
  process.env.CAIRN_PROCESS ??= 'worker';
  const config = loadConfig();
  const app = await createWorkerApp(config);
  // Loopback unless told otherwise: a container's probes reach it on the pod's address (WORKER_HEALTH_HOST=0.0.0.0).
  const host = process.env.WORKER_HEALTH_HOST ?? '127.0.0.1';
  await app.listen({ port: config.workerHealthPort, host });
  process.stdout.write(`Cairn worker running (health on ${host}:${config.workerHealthPort}/health/ready)\n`);
}

main().catch((error) => {
  process.stderr.write(`Cairn worker failed to start: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
