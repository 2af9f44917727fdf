import { loadConfig } from '@cairn/config';
import { createWorkerApp } from './create-worker-app';

async function main(): Promise<void> {
  process.env.CAIRN_PROCESS ??= 'worker';
  const config = loadConfig();
  const app = await createWorkerApp(config);
  await app.listen({ port: config.workerHealthPort, host: '127.0.0.1' });
  process.stdout.write(`Cairn worker running (health on 127.0.0.1:${config.workerHealthPort}/health/ready)\n`);
}

main().catch((error) => {
  process.stderr.write(`Cairn worker failed to start: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
