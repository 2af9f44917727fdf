import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { JobRepository } from '@cairn/jobs';
import { withDeadline } from '@cairn/redis';

const QUEUE_COUNTS_DEADLINE_MS = 1000;

/** Prometheus registry of a process: HTTP latency, queue depths and job outcomes. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(jobs: JobRepository) {
    collectDefaultMetrics({ register: this.registry, prefix: 'cairn_' });
    this.httpDuration = new Histogram({
      name: 'cairn_http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    const depth = new Gauge({
      name: 'cairn_queue_jobs',
      help: 'Jobs per queue and state; completed/failed are the job outcomes BullMQ still holds',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        // A scrape must not hang on Redis: no answer within the deadline means no queue figures this time.
        const counts = await withDeadline(jobs.counts(), QUEUE_COUNTS_DEADLINE_MS).catch(() => ({}));
        depth.reset();
        for (const [queue, states] of Object.entries(counts)) {
          for (const [state, value] of Object.entries(states)) depth.set({ queue, state }, value);
        }
      },
    });
  }
}
