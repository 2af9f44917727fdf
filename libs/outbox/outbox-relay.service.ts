import { Injectable, Logger } from '@nestjs/common';
import { JobRepository, JobItem, JobName, QueueJobOptions, JobIds, OnJob } from '@cairn/jobs';
import { OutboxRepository, OutboxRow } from './outbox.repository';
import { JOB_TOPIC } from './outbox.types';

const BATCH = 500;

/**
 * Moves committed outbox rows into BullMQ. The API flushes right after its
 * commit (fast path); the worker's scheduled relay catches whatever that
 * missed, e.g. when Redis or the API died in between.
 */
@Injectable()
export class OutboxRelayService {
  private readonly logger = new Logger(OutboxRelayService.name);
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly jobs: JobRepository,
  ) {}

  @OnJob(JobName.RelayOutbox)
  async relay(): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await this.outbox.processBatch(BATCH, (rows) => this.jobs.queueAll(rows.map(toJob)));
      total += moved;
      if (moved < BATCH) return total;
    }
  }

  /** Fire-and-forget flush after a commit; concurrent calls coalesce into one more pass. */
  flushSoon(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.relay().catch((error: Error) => this.logger.warn(`outbox flush failed, the relay will retry: ${error.message}`));
      } while (this.again);
    })().finally(() => (this.running = null));
  }

  /** Resolves when an in-process flush has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }
}

function toJob(row: OutboxRow): { item: JobItem; opts: QueueJobOptions } {
  if (row.topic === JOB_TOPIC) {
    const payload = row.payload as { job: JobItem; jobId: string; runAt: string | null; attempts?: number };
    const delayMs = payload.runAt ? new Date(payload.runAt).getTime() - Date.now() : 0;
    return { item: payload.job, opts: { jobId: payload.jobId, delayMs, attempts: payload.attempts } };
  }
  return { item: { name: JobName.DispatchEvent, data: { outboxEventId: row.id } }, opts: { jobId: JobIds.dispatchEvent(row.id) } };
}
