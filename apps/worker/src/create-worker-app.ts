import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, loadConfig } from '@cairn/config';
import { JobHandlerRegistry, JobRepository, JobName, QueueName, SCHEDULED_JOBS } from '@cairn/jobs';
import { OutboxRelayService } from '@cairn/outbox';
import { tryAgain } from '@cairn/redis';
import { createRootLogger, PinoNestLogger, logDestination, tuneWorkerHeapForMemory } from '@cairn/ops';
import { WorkerModule } from './worker.module';

/** Tries of the job schedule at boot before the worker gives up starting. */
const SCHEDULE_ATTEMPTS_AT_BOOT = 3;

/** Builds the worker: finds every job handler (refusing to start if one is missing) and starts consuming. */
export async function createWorkerApp(config: AppConfig = loadConfig()): Promise<NestFastifyApplication> {
  tuneWorkerHeapForMemory(); // RSS <= 300 MB under load when started without an old-space cap (libs/ops/node-runtime.ts)
  const rootLogger = createRootLogger(config.logLevel, logDestination(config.logFormat));
  const app = await NestFactory.create<NestFastifyApplication>(
    WorkerModule.forRoot(config),
    new FastifyAdapter({ loggerInstance: rootLogger }),
    { logger: new PinoNestLogger(rootLogger), abortOnError: false },
  );
  app.enableShutdownHooks();
  await app.init();
  const handlers = app.get(JobHandlerRegistry).collect();
  const jobs = app.get(JobRepository);
  const schedule = () => Promise.all(Object.entries(SCHEDULED_JOBS).map(([name, every]) => jobs.schedule(name as JobName, every!)));
  // Idempotent, so a failure is tried again before it fails the boot: a process still busy loading code can hold
  // its event loop past Redis's command deadline (seen in CI on a loaded machine). Redis really down still
  // fails the boot, after the last try.
  await tryAgain(schedule, { attempts: SCHEDULE_ATTEMPTS_AT_BOOT, pauseMs: 500 });
  // Job schedulers live in Redis; if Redis loses its data they must come back. Checked on the worker's watch tick
  // (WORKER_WATCH_MS, 15 s), as its consumers are; re-asserting a scheduler keeps its next run where it was.
  const watchdog = setInterval(() => void schedule().catch(() => undefined), config.workerWatchMs);
  watchdog.unref();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onClose', async () => clearInterval(watchdog));
  const { email, webhooks, events } = config.workerConcurrency;
  jobs.startWorkers(handlers, { [QueueName.Email]: email, [QueueName.Webhooks]: webhooks, [QueueName.Events]: events });
  // APIs wake this relay with a NOTIFY after their commits; the scheduled relay above is the safety net.
  app.get(OutboxRelayService).listen();
  return app;
}
