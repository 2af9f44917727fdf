import { loadConfig } from '@cairn/config';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  process.env.CAIRN_PROCESS ??= 'api';
  const config = loadConfig();
  const app = await createApiApp({ config });
  await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' });
  process.stdout.write(`Cairn API listening on ${config.publicBaseUrl} (docs at /docs)\n`);
}

main().catch((error) => {
  process.stderr.write(`Cairn API failed to start: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
