// Child process of distribution-bench: the real API app on a free port; tells the parent the port.
import { createApiApp } from '../apps/api/src/create-api-app';
import { loadConfig } from '@cairn/config';

async function main(): Promise<void> {
  const app = await createApiApp({ config: loadConfig() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  process.send!({ port: address.port });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error) => {
  process.stderr.write(`bench API failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
