import cluster from 'node:cluster';
import { loadConfig } from '@cairn/config';
import { restartBackoffFromEnv, runApiClusterPrimary, webConcurrencyFromEnv } from '@cairn/ops';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  process.env.CAIRN_PROCESS ??= 'api';
  const processes = webConcurrencyFromEnv(process.env.WEB_CONCURRENCY);
  if (processes > 1 && cluster.isPrimary) {
    // The primary only supervises: each copy below loads the app and serves the shared port.
    runApiClusterPrimary({ processes, backoff: restartBackoffFromEnv(process.env.CAIRN_RESTART_BACKOFF) });
    return;
  }
  const config = loadConfig();
  const app = await createApiApp({ config });
  await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' });
  process.stdout.write(`Cairn API listening on ${config.publicBaseUrl} (docs at /docs)\n`);
}

main().catch((error) => {
  process.stderr.write(`Cairn API failed to start: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
