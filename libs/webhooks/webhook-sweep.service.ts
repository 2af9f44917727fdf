import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { JobRepository, JobName, OnJob } from '@cairn/jobs';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { deliveryJob } from './webhook-jobs';

const GRACE_MS = 2_000;
const BATCH = 1_000;

/**
 * The database is the truth about what still has to be sent; Redis only
 * holds the timers. Every few seconds this re-queues pending deliveries whose
 * time has passed: lost job adds, a worker killed mid-attempt (its lease
 * expires), Redis restarted empty. A delivery that is merely waiting in a
 * long queue may get one extra job; the claim lets only one of them attempt.
 */
@Injectable()
export class WebhookSweepService {
  private readonly logger = new Logger(WebhookSweepService.name);

  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly jobs: JobRepository,
    private readonly clock: Clock,
  ) {}

  @OnJob(JobName.SweepWebhooks)
  async sweep(): Promise<number> {
    const overdue = await this.deliveries.overdue(new Date(this.clock.now().getTime() - GRACE_MS), BATCH);
    if (!overdue.length) return 0;
    // One job per overdue state: sweeping the same state again adds nothing, while a
    // state the normal path's (possibly completed) job id no longer covers gets a fresh one.
    // A finished job for a state that is still overdue did nothing (it failed before its
    // claim, e.g. on a Postgres restart), so it is replaced rather than deduped against.
    await this.jobs.requeueAll(overdue.map((d) => deliveryJob(d.id, d.attempts + 1, 0, `s${(d.nextAttemptAt ?? d.createdAt).getTime()}`)));
    this.logger.debug(`re-queued ${overdue.length} overdue webhook deliveries`);
    return overdue.length;
  }
}
