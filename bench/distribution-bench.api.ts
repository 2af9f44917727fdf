// Child process of distribution-bench: the real API app on a free port; tells the parent the port.
// BENCH_API_PROCESSES=N (1): N copies share the port through node:cluster, as WEB_CONCURRENCY=N runs the API.
import cluster from 'node:cluster';
import { createApiApp } from '../apps/api/src/create-api-app';
import { loadConfig } from '@cairn/config';

const PROCESSES = Number(process.env.BENCH_API_PROCESSES ?? 1);

async function serve(): Promise<number> {
  const app = await createApiApp({ config: loadConfig() });
  // Port 0 in cluster copies is one random port chosen by the primary and shared by all.
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  return (app.getHttpServer().address() as { port: number }).port;
}

async function primary(): Promise<number> {
  const ports = await Promise.all(
    Array.from({ length: PROCESSES }, () => {
      const worker = cluster.fork();
      return new Promise<number>((resolve) => worker.once('message', (m: { port: number }) => resolve(m.port)));
    }),
  );
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    cluster.disconnect(() => process.exit(0));
  });
  return ports[0];
}

async function main(): Promise<void> {
  const port = PROCESSES > 1 && cluster.isPrimary ? await primary() : await serve();
  process.send!({ port });
}

main().catch((error) => {
  process.stderr.write(`bench API failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
