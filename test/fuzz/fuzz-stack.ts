// What the fuzzer runs against: the real API and the real worker as separate
// OS processes (so "no process dies" is observed, not assumed), a real SMTP
// sink and a real webhook receiver, all on one database and Redis prefix.
import IORedis from 'ioredis';
import { AppConfig } from '@cairn/config';
import { ApiProcess, spawnApi } from '../utils/api-process';
import { SmtpSink } from '../utils/smtp-sink';
import { testConfig } from '../utils/test-app';
import { WebhookReceiver } from '../utils/webhook-receiver';
import { spawnWorker, WorkerProcess } from '../utils/worker-process';
import { FuzzWorld, seedWorld } from './fuzz-world';
import type { OpenApiDocument } from './openapi-routes';

export interface FuzzStack {
  api: ApiProcess;
  worker: WorkerProcess;
  world: FuzzWorld;
  doc: OpenApiDocument;
  /** Both processes still running and the API answering /health/live. */
  healthy: () => Promise<{ apiAlive: boolean; workerAlive: boolean; live: number }>;
  stop: () => Promise<void>;
}

const alive = (child: { exitCode: number | null; signalCode: string | null }) => child.exitCode === null && child.signalCode === null;

export async function startFuzzStack(databaseUrl: string): Promise<FuzzStack> {
  const smtp = await new SmtpSink().start();
  const receiver = await new WebhookReceiver().start();
  const config: AppConfig = testConfig(databaseUrl, { smtpUrl: smtp.url });
  const shared = {
    WEBHOOK_ALLOW_PRIVATE: config.webhookAllowPrivate!,
    WEBHOOK_RETRY_SCHEDULE: '100ms,100ms',
    // The seeded detractor's case and webhook delivery wait for its answer to settle: 1 s instead of the product's 5 s.
    ANSWER_SETTLE_AFTER: '1s',
    LOG_LEVEL: process.env.FUZZ_LOG_LEVEL ?? 'error',
  };
  const started = await Promise.allSettled([
    spawnApi({
      ...shared,
      DATABASE_URL: databaseUrl,
      REDIS_URL: config.redisUrl,
      REDIS_PREFIX: config.redisPrefix,
      SMTP_URL: smtp.url,
      CAIRN_BOOTSTRAP_API_KEY: config.bootstrapApiKey!,
      CAIRN_ADMIN_EMAIL: config.adminEmail,
      CAIRN_ADMIN_PASSWORD: config.adminPassword!,
      TRUST_PROXY: String(config.trustProxy),
    }),
    spawnWorker(config, shared),
  ]);
  if (started.some((s) => s.status === 'rejected')) {
    // Never leave the one that did start running behind a failed test.
    for (const s of started) if (s.status === 'fulfilled') s.value.child.kill('SIGKILL');
    await Promise.all([smtp.close(), receiver.close()]);
    throw (started.find((s) => s.status === 'rejected') as PromiseRejectedResult).reason;
  }
  const [api, worker] = started.map((s) => (s as PromiseFulfilledResult<ApiProcess | WorkerProcess>).value) as [ApiProcess, WorkerProcess];
  // If the test gives up half-way (a timeout while seeding), the processes must not outlive it.
  const killOnExit = () => [api.child, worker.child].forEach((child) => alive(child) && child.kill('SIGKILL'));
  process.once('exit', killOnExit);
  const world = await seedWorld({
    baseUrl: api.url,
    apiKey: config.bootstrapApiKey!,
    databaseUrl,
    adminEmail: config.adminEmail,
    adminPassword: config.adminPassword!,
    receiverUrl: receiver.url(),
    smtp,
  });
  const doc = (await (await fetch(`${api.url}/docs-json`)).json()) as OpenApiDocument;
  return {
    api,
    worker,
    world,
    doc,
    healthy: async () => ({
      apiAlive: alive(api.child),
      workerAlive: alive(worker.child),
      live: (await fetch(`${api.url}/health/live`).catch(() => ({ status: 0 }))).status,
    }),
    stop: async () => {
      process.removeListener('exit', killOnExit);
      for (const child of [api.child, worker.child]) if (alive(child)) child.kill('SIGTERM');
      await Promise.all([api.exited, worker.exited]);
      await Promise.all([smtp.close(), receiver.close(), dropPrefix(config)]);
    },
  };
}

async function dropPrefix(config: AppConfig): Promise<void> {
  const redis = new IORedis(config.redisUrl, { lazyConnect: true });
  await redis.connect();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.redisPrefix}:*`, 'COUNT', 500);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}
