import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { JobRepository, JobItem, JobName, QueueJobOptions, JobIds, OnJob } from '@cairn/jobs';
import { OutboxRow } from './outbox.repository';
import { OutboxListener, OutboxRelayRepository } from './outbox-relay.repository';
import { JOB_TOPIC } from './outbox.types';

const BATCH = 500;
/**
 * Domain events per dispatch job. One job per relay batch rather than per event: under 100 detractor answers/s
 * the per-job cost (Redis round trips, a read of the row) of four jobs per answer backed up the events queue.
 */
const DISPATCH_BATCH = 50;
/** At most one NOTIFY per this many ms per process, however many commits ask for one. */
const NOTIFY_GAP_MS = 2;

/**
 * Runs `task` now, or once more after the run in progress when called during
 * one: every call is followed by a run that started after it, and calls never
 * pile up. `gapMs` spaces the runs.
 */
class Coalesced {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly task: () => Promise<unknown>,
    private readonly onError: (error: Error) => void,
    private readonly gapMs = 0,
  ) {}

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        const started = performance.now();
        await this.task().catch(this.onError);
        const wait = started + this.gapMs - performance.now();
        if (this.again && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      } while (this.again);
    })().finally(() => (this.running = null));
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }
}

/**
 * Moves committed outbox rows into BullMQ, in the worker. An API calls
 * flushSoon() after a commit that added rows: that sends one NOTIFY (coalesced,
 * outside any data transaction), and every listening worker relays at once.
 * The worker's scheduled relay catches whatever that missed (an API killed
 * between its commit and the NOTIFY, a worker reconnecting, Redis down).
 * OUTBOX_RELAY=inline makes an API relay its own rows instead, as before.
 */
@Injectable()
export class OutboxRelayService implements OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelayService.name);
  private readonly relaying = new Coalesced(
    () => this.relay(),
    (error) => this.logger.warn(`outbox relay failed, the scheduled relay will retry: ${error.message}`),
  );
  private readonly notifying = new Coalesced(
    () => this.outbox.notify(),
    (error) => this.logger.warn(`outbox notify failed, the scheduled relay will move the rows: ${error.message}`),
    NOTIFY_GAP_MS,
  );
  private listener: OutboxListener | null = null;

  constructor(
    private readonly outbox: OutboxRelayRepository,
    private readonly jobs: JobRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OnJob(JobName.RelayOutbox)
  async relay(): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await this.outbox.processBatch(BATCH, (rows) => this.jobs.queueAll(toJobs(rows)));
      total += moved;
      if (moved < BATCH) return total;
    }
  }

  /**
   * The one call after a commit that added outbox rows (fire and forget). A
   * process that relays (the worker, or OUTBOX_RELAY=inline) moves them itself;
   * an API wakes the worker's relay.
   */
  flushSoon(): void {
    if (this.listener || this.config.outboxRelay === 'inline') this.relaying.kick();
    else this.notifying.kick();
  }

  /** The worker: relays on every NOTIFY, and whenever its listening connection is (re)made. */
  listen(): void {
    this.listener ??= this.outbox.listen(() => this.relaying.kick());
  }

  /** Resolves when what flushSoon() started (a relay or a NOTIFY) has finished (tests, shutdown). */
  async idle(): Promise<void> {
    await this.notifying.idle();
    await this.relaying.idle();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.close();
    this.listener = null;
  }
}

/** Job rows as their own jobs; domain events in order, DISPATCH_BATCH to a dispatch-events job. */
export function toJobs(rows: OutboxRow[]): Array<{ item: JobItem; opts: QueueJobOptions }> {
  const jobs = rows.filter((row) => row.topic === JOB_TOPIC).map(toJob);
  const events = rows.filter((row) => row.topic !== JOB_TOPIC).map((row) => row.id);
  for (let i = 0; i < events.length; i += DISPATCH_BATCH) {
    const outboxEventIds = events.slice(i, i + DISPATCH_BATCH);
    jobs.push({ item: { name: JobName.DispatchEvents, data: { outboxEventIds } }, opts: { jobId: JobIds.dispatchEvents(outboxEventIds) } });
  }
  return jobs;
}

function toJob(row: OutboxRow): { item: JobItem; opts: QueueJobOptions } {
  const payload = row.payload as { job: JobItem; jobId: string; runAt: string | null; attempts?: number };
  const delayMs = payload.runAt ? new Date(payload.runAt).getTime() - Date.now() : 0;
  return { item: payload.job, opts: { jobId: payload.jobId, delayMs, attempts: payload.attempts } };
}
