import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Job, JobsOptions, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { scrubError } from '@cairn/common';
import { createRedis, queuePrefix, redisCall } from '@cairn/redis';
import { JOB_QUEUE, JobItem, JobName, JobRun, PermanentJobError, QueueJobOptions, QueueName } from './job.types';
import { StalledConsumerDetector } from './stalled-consumer.detector';

export type JobHandler = (data: unknown, run: JobRun) => Promise<unknown>;

/** BullMQ counts attemptsMade only after a try failed. */
export function jobRun(job: Pick<Job, 'attemptsMade' | 'opts'>): JobRun {
  return { isLastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) };
}

const DEFAULT_ATTEMPTS = 8;

/**
 * How often a job may be put back after its worker died holding it (its lock lapsed) before BullMQ fails it for good.
 * BullMQ's default, once, can lose work: nothing runs a failed job again, so a dispatch-events batch whose worker
 * died twice (a worker starved past its lock counts as dead too) never brought its domain events to their subscribers. Every
 * handler is idempotent, so running a job again is safe; the bound is for a job that itself kills its worker each
 * time, which after this many deaths waits in the failed list (the jobs API retries it).
 */
const MAX_STALLS = 10;

/** The only place that knows BullMQ. */
@Injectable()
export class JobRepository implements OnModuleDestroy {
  private readonly logger = new Logger(JobRepository.name);
  private readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly consumers = new Map<QueueName, Consumer>();
  /** Replaced workers still finishing their jobs. */
  private readonly retiring = new Set<Promise<void>>();
  private watch?: NodeJS.Timeout;
  private watching = false;
  private closing = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // Producers (requests, the outbox relay, handlers queueing follow-ups) fail fast while
    // Redis is down: everything they queue is also in Postgres and is queued again later.
    // Only the Worker connections below wait for Redis.
    this.connection = createRedis(config);
  }

  getQueue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.connection,
        prefix: queuePrefix(this.config, name),
        defaultJobOptions: {
          attempts: DEFAULT_ATTEMPTS,
          backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
          removeOnComplete: { age: 3600, count: 1000 },
          removeOnFail: { age: 7 * 86400 },
        },
      });
      // Without a listener a connection error would be an unhandled 'error' event; callers see the failure anyway.
      queue.on('error', (error) => this.logger.debug(`queue ${name}: ${error.message}`));
      // BullMQ checks the server once, when the queue is made; made while Redis hangs, that check
      // fails and the queue would fail every call for good. Such a queue is dropped and made anew.
      const made = queue;
      made.waitUntilReady().catch(() => {
        if (this.queues.get(name) === made) this.queues.delete(name);
        void made.close().catch(() => undefined);
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async queue(item: JobItem, opts: QueueJobOptions = {}): Promise<void> {
    await this.queueAll([{ item, opts }]);
  }

  async queueAll(items: Array<{ item: JobItem; opts?: QueueJobOptions }>): Promise<void> {
    const byQueue = new Map<QueueName, Array<{ name: string; data: unknown; opts: JobsOptions }>>();
    for (const { item, opts = {} } of items) {
      const queueName = JOB_QUEUE[item.name];
      const list = byQueue.get(queueName) ?? [];
      list.push({ name: item.name, data: item.data, opts: toBullOptions(opts) });
      byQueue.set(queueName, list);
    }
    await redisCall(() => Promise.all([...byQueue].map(([name, jobs]) => this.getQueue(name).addBulk(jobs))));
  }

  /**
   * As queueAll, but a finished (completed or failed) job under the same id does not swallow
   * the add: it is removed first. For sweepers that re-queue by state from the database: a job
   * that failed without changing the state (Postgres restarting) would otherwise block it for good.
   */
  async requeueAll(items: Array<{ item: JobItem; opts?: QueueJobOptions }>): Promise<void> {
    await redisCall(async () => {
      for (const { item, opts } of items) {
        if (!opts?.jobId) continue;
        const job = await this.getQueue(JOB_QUEUE[item.name]).getJob(opts.jobId);
        if (job && ((await job.isFailed()) || (await job.isCompleted()))) await job.remove().catch(() => undefined);
      }
    });
    await this.queueAll(items);
  }

  async schedule(name: JobName, everyMs: number): Promise<void> {
    await this.getQueue(JOB_QUEUE[name]).upsertJobScheduler(name, { every: everyMs }, { name, data: {} });
  }

  async hasJob(name: JobName, jobId: string): Promise<boolean> {
    const job = await this.getQueue(JOB_QUEUE[name]).getJob(jobId);
    if (!job) return false;
    const state = await job.getState();
    return state !== 'completed' && state !== 'failed' && state !== 'unknown';
  }

  async counts(): Promise<Record<string, Record<string, number>>> {
    const result: Record<string, Record<string, number>> = {};
    for (const name of Object.values(QueueName)) {
      result[name] = await this.getQueue(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    }
    return result;
  }

  /** False while the producer connection is down or reconnecting: a call would only fail. */
  connected(): boolean {
    return this.connection.status === 'ready';
  }

  /** Removes these jobs from every queue wherever they are (a job locked by a running worker stays). */
  async removeJobs(jobIds: string[]): Promise<void> {
    await redisCall(async () => {
      for (const queue of this.allQueues()) {
        for (const id of jobIds) {
          const job = await queue.getJob(id);
          await job?.remove().catch(() => undefined);
        }
      }
    });
  }

  allQueues(): Queue[] {
    return Object.values(QueueName).map((name) => this.getQueue(name));
  }

  /** Starts one BullMQ worker per queue, dispatching each job to its handler by name, and watches that each keeps consuming. */
  startWorkers(handlers: Map<JobName, JobHandler>, concurrency: Partial<Record<QueueName, number>> = {}): void {
    for (const queueName of Object.values(QueueName)) {
      this.consumers.set(queueName, this.startConsumer(queueName, handlers, concurrency[queueName] ?? 10));
    }
    this.watch = setInterval(() => void this.watchConsumers(), this.config.workerWatchMs);
    this.watch.unref();
  }

  /** The BullMQ worker consuming this queue in this process now (a stalled one is replaced), for probes and tests. */
  worker(queueName: QueueName): Worker | undefined {
    return this.consumers.get(queueName)?.worker;
  }

  private startConsumer(queueName: QueueName, handlers: Map<JobName, JobHandler>, concurrency: number): Consumer {
    const connection = createRedis(this.config, true);
    const consumer = {
      queueName,
      handlers,
      connection,
      concurrency,
      started: 0,
      inFlight: 0,
      detector: new StalledConsumerDetector(),
    };
    const worker = new Worker(
      queueName,
      // Counts what the watch reads of this worker (the counts live on the object the watch holds).
      async (job: Job) => {
        consumer.started++;
        consumer.inFlight++;
        try {
          return await runJob(handlers, job);
        } finally {
          consumer.inFlight--;
        }
      },
      {
        connection,
        prefix: queuePrefix(this.config, queueName),
        concurrency,
        // A killed worker's active jobs go back to the queue once its lock lapsed and a stalled check ran.
        lockDuration: this.config.jobLockMs,
        stalledInterval: this.config.jobLockMs,
        maxStalledCount: MAX_STALLS,
      },
    );
    worker.on('failed', (job, error) =>
      this.logger.warn(`job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`),
    );
    worker.on('error', (error) => this.logger.error(`worker ${queueName}: ${error.message}`));
    return Object.assign(consumer, { worker });
  }

  /**
   * One watch tick: a worker that took no job for a whole tick while jobs were due and it had room is replaced by a
   * new one on a new connection (StalledConsumerDetector says why this happens). The old one is closed as at
   * shutdown: its running jobs finish, or their locks lapse and they run again (every handler is idempotent).
   */
  private async watchConsumers(): Promise<void> {
    if (this.watching || this.closing) return;
    this.watching = true;
    try {
      for (const consumer of [...this.consumers.values()]) {
        const due = await this.dueJobs(consumer.queueName).catch(() => null);
        if (due === null || this.closing) continue; // Redis unreachable: the tick tells nothing
        const { started, inFlight, concurrency } = consumer;
        if (!consumer.detector.observe({ due, started, inFlight, concurrency })) continue;
        this.logger.warn(
          `worker ${consumer.queueName} took no job for ${this.config.workerWatchMs / 1000} s while ${due} were due; replacing it`,
        );
        this.consumers.set(consumer.queueName, this.startConsumer(consumer.queueName, consumer.handlers, concurrency));
        this.retire(consumer);
      }
    } finally {
      this.watching = false;
    }
  }

  /** Jobs a worker could take now: waiting, prioritized, and 1 if the next delayed job is a tick past its time. */
  private async dueJobs(queueName: QueueName): Promise<number> {
    const queue = this.getQueue(queueName);
    const counts = await queue.getJobCounts('waiting', 'prioritized');
    const [next] = await queue.getDelayed(0, 0);
    const overdue = next && next.timestamp + next.delay < Date.now() - this.config.workerWatchMs ? 1 : 0;
    return Object.values(counts).reduce((sum, count) => sum + count, overdue);
  }

  private retire(consumer: Consumer): void {
    const closed = this.closeWithin(consumer.worker, WORKER_CLOSE_MS).then(() => consumer.connection.disconnect());
    this.retiring.add(closed);
    void closed.finally(() => this.retiring.delete(closed));
  }

  private async closeWithin(worker: Worker, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
    const outcome = await Promise.race([worker.close().then(() => 'closed' as const), late]);
    clearTimeout(timer);
    if (outcome === 'late') this.logger.warn(`worker ${worker.name} did not close in ${ms / 1000} s; disconnecting it`);
  }

  /** Lets in-flight jobs finish, then closes everything. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearInterval(this.watch);
    const consumers = [...this.consumers.values()];
    // Running jobs finish first (close waits for them). Bounded: after a Redis Cluster failover a worker's blocking
    // connection can stay 'reconnecting' and close() then never resolves (bullmq#4656); the disconnects below end it.
    await Promise.all(consumers.map((consumer) => this.closeWithin(consumer.worker, WORKER_CLOSE_MS)));
    await Promise.all(this.retiring);
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    for (const connection of [...consumers.map((consumer) => consumer.connection), this.connection]) connection.disconnect();
  }
}

/** One queue's BullMQ worker in this process, with what the watch reads of it. */
interface Consumer {
  queueName: QueueName;
  handlers: Map<JobName, JobHandler>;
  worker: Worker;
  connection: Redis;
  concurrency: number;
  started: number;
  inFlight: number;
  detector: StalledConsumerDetector;
}

async function runJob(handlers: Map<JobName, JobHandler>, job: Job): Promise<unknown> {
  const handler = handlers.get(job.name as JobName);
  if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
  try {
    return await handler(job.data, jobRun(job));
  } catch (error) {
    // BullMQ keeps the message and stack in Redis (failedReason, stacktrace) for days, and they are logged:
    // whatever a handler threw loses addresses and link tokens first.
    throw scrubError(error instanceof PermanentJobError ? new UnrecoverableError(error.message) : error);
  }
}

/** How long a worker may take to finish its running jobs at shutdown: longer than a send's SMTP socket timeout. */
const WORKER_CLOSE_MS = 45_000;

function toBullOptions(opts: QueueJobOptions): JobsOptions {
  return {
    ...(opts.jobId ? { jobId: opts.jobId } : {}),
    ...(opts.delayMs && opts.delayMs > 0 ? { delay: Math.round(opts.delayMs) } : {}),
    ...(opts.attempts ? { attempts: opts.attempts } : {}),
  };
}
