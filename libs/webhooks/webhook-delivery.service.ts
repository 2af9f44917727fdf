import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Clock, openSecret, scrubError } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { OutboxTransactionRunner } from '@cairn/outbox';
import { JobRepository, JobData, JobName, OnJob } from '@cairn/jobs';
import { EndpointConcurrency } from './endpoint-concurrency';
import { EndpointHealthService } from './endpoint-health.service';
import { ClaimedDelivery, WebhookDeliveryRepository } from './webhook-delivery.repository';
import { deliveryJob } from './webhook-jobs';
import { AttemptOutcome, decideOutcome } from './webhook-retry-policy';
import { AllowList, parseAllowList } from './ssrf-guard';
import { sendWebhook, SendResult } from './webhook-sender';

// A delayed job may fire a hair before the time the database holds.
const DUE_TOLERANCE_MS = 1_000;
// The lease outlives a wait for the endpoint's slot, the send's hard deadline and the bookkeeping after it.
const LEASE_MARGIN_MS = 5_000;
// A delivery to a healthy endpoint with every slot taken waits in the process for one (WEBHOOK_SLOT_WAIT_MS, 2 s),
// at most this many per endpoint, before it is queued again as a job. A burst to one endpoint (the fan-out of a relay
// batch, at 100 detractor answers/s) otherwise had most of its deliveries claimed, given back and queued for
// 100-200 ms (1,604 of 2,000 in bench/webhooks-bench), each with a statement, a job and a second claim.
const SLOT_WAITING_PER_ENDPOINT = 200;
// Fresh deliveries that may wait in a worker for a free slot, per slot (WEBHOOK_CONCURRENCY): at 50 slots, 1,000 ids,
// about a second's sending. Past that a fan-out's deliveries are queued as jobs.
const WAITING_PER_SLOT = 20;

/**
 * Runs one attempt of one delivery: a fresh delivery's first attempt right where it was fanned out (startNow),
 * every other attempt as a job; failures are re-queued on our own schedule.
 */
@Injectable()
export class WebhookDeliveryService implements OnModuleDestroy {
  private readonly logger = new Logger(WebhookDeliveryService.name);
  private readonly allow: AllowList;
  private readonly concurrency = new EndpointConcurrency();
  /** First attempts running outside a job (startNow), until each is recorded, and those waiting for a slot. */
  private readonly running = new Set<Promise<void>>();
  private readonly waiting: string[] = [];
  /** Claimed deliveries waiting for their endpoint's slot, then sending; outside the caller's slot (job or startNow). */
  private readonly waitingForEndpoint = new Set<Promise<void>>();
  private closing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: OutboxTransactionRunner,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly health: EndpointHealthService,
    private readonly jobs: JobRepository,
    private readonly clock: Clock,
  ) {
    this.allow = parseAllowList(config.webhookAllowPrivate ?? undefined);
  }

  /** The endpoint's Delighted signing key in clear, only for the send; a key that cannot be opened is not used. */
  private signingKeyOf(claimed: ClaimedDelivery): string | null {
    if (!claimed.delightedSigningKey || !this.config.secretsKey) return null;
    try {
      return openSecret(this.config.secretsKey, claimed.delightedSigningKey);
    } catch {
      this.logger.warn(`webhook ${claimed.endpointId}: its Delighted signing key cannot be opened with CAIRN_SECRETS_KEY`);
      return null;
    }
  }

  /**
   * Takes the first attempt of these fresh deliveries in this process, not awaited: a slow receiver holds up only
   * its own delivery, never the fan-out that called. A queued job per delivery cost about a quarter of the worker's
   * CPU per delivery, and Redis's besides (bench/webhooks-bench). At most WEBHOOK_CONCURRENCY run at once; the
   * others wait here in order, up to WAITING_PER_SLOT per slot. The ids returned found no room (or this process is
   * stopping) and are for the queue. Should the process die, an attempt's claim lapses (or, not yet claimed, the
   * delivery is overdue) and the sweeper queues it; one waiting here too long is queued by the sweeper as well, and
   * the claim lets only one of the two attempt it.
   */
  startNow(deliveryIds: string[]): string[] {
    if (this.closing) return deliveryIds;
    const slots = this.config.workerConcurrency.webhooks;
    const room = Math.max(0, slots * (1 + WAITING_PER_SLOT) - this.running.size - this.waiting.length);
    this.waiting.push(...deliveryIds.slice(0, room));
    this.startWaiting();
    return deliveryIds.slice(room);
  }

  private startWaiting(): void {
    while (!this.closing && this.waiting.length && this.running.size < this.config.workerConcurrency.webhooks) {
      const deliveryId = this.waiting.shift()!;
      const run: Promise<void> = this.deliver({ deliveryId })
        .catch((error: unknown) => {
          const reason = scrubError(error instanceof Error ? error.message : String(error));
          this.logger.warn(`webhook delivery ${deliveryId}: its first attempt failed, the sweeper will queue it: ${reason}`);
        })
        .finally(() => {
          this.running.delete(run);
          this.startWaiting();
        });
      this.running.add(run);
    }
  }

  /** Lets the first attempts in flight finish and be recorded (each bounded by the send's deadline); queues those not started. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    // Those waiting for a slot are queued again as jobs (defer) and their claims given back.
    this.concurrency.endWaits();
    const unstarted = this.waiting.splice(0);
    const handedOver = unstarted.length
      ? this.jobs.queueAll(unstarted.map((id) => deliveryJob(id, 1))).catch(() => {
          this.logger.warn(`${unstarted.length} webhook deliveries not started at shutdown: the sweeper will queue them`);
        })
      : undefined;
    await Promise.allSettled([...this.running, ...this.waitingForEndpoint, handedOver]);
  }

  @OnJob(JobName.DeliverWebhook)
  async deliver({ deliveryId }: JobData<JobName.DeliverWebhook>): Promise<void> {
    const now = this.clock.now().getTime();
    const lease = new Date(now + this.config.webhookSlotWaitMs + this.config.webhookTimeoutMs + LEASE_MARGIN_MS);
    const claimed = await this.deliveries.claim(deliveryId, new Date(now + DUE_TOLERANCE_MS), lease);
    if (!claimed) return; // done, not due, in flight elsewhere, or its endpoint is off
    if (this.concurrency.tryAcquire(claimed.endpointId, claimed.failing)) return this.attempt(claimed);
    // A failing endpoint's few slots free slowly: its delivery is queued for later at once.
    if (claimed.failing || this.closing) return this.defer(claimed);
    const waited: Promise<void> = this.attemptWhenFree(claimed)
      .catch((error: unknown) => {
        const reason = scrubError(error instanceof Error ? error.message : String(error));
        this.logger.warn(`webhook delivery ${claimed.id}: its attempt failed, the sweeper will queue it: ${reason}`);
      })
      .finally(() => this.waitingForEndpoint.delete(waited));
    this.waitingForEndpoint.add(waited);
  }

  /** Waits for a slot of the endpoint (a hanging one holds only its own), then attempts; queued again if none came. */
  private async attemptWhenFree(claimed: ClaimedDelivery): Promise<void> {
    const acquired = await this.concurrency.acquire(claimed.endpointId, this.config.webhookSlotWaitMs, SLOT_WAITING_PER_ENDPOINT);
    return acquired ? this.attempt(claimed) : this.defer(claimed);
  }

  /** Sends the claimed attempt on a slot already acquired, and records it. */
  private async attempt(claimed: ClaimedDelivery): Promise<void> {
    let result: SendResult;
    try {
      result = await sendWebhook(
        {
          url: claimed.url,
          id: claimed.id,
          timestamp: this.clock.now(),
          body: claimed.body,
          secret: claimed.secret,
          delightedSigningKey: this.signingKeyOf(claimed),
        },
        { allow: this.allow, timeoutMs: this.config.webhookTimeoutMs },
      );
    } finally {
      this.concurrency.release(claimed.endpointId);
    }
    const outcome = decideOutcome(result, claimed.attempt, this.config.webhookRetrySchedule);
    await this.record(claimed, result, outcome);
    if (outcome.kind === 'retry') {
      // If this add is lost, the sweeper finds the delivery overdue and queues it again.
      await this.jobs.queueAll([deliveryJob(claimed.id, claimed.attempt + 1, outcome.delayMs)]);
    }
  }

  private async record(claimed: ClaimedDelivery, result: SendResult, outcome: AttemptOutcome): Promise<void> {
    const now = this.clock.now();
    if (outcome.kind === 'succeeded') return this.deliveries.recordSuccess(claimed, result);
    await this.transactions.run(async (tx) => {
      await this.deliveries.recordAttempt(tx, claimed.id, claimed.attempt, result);
      const next = outcome.kind === 'retry' ? new Date(now.getTime() + outcome.delayMs) : null;
      await this.deliveries.afterFailure(tx, claimed.id, result.statusCode, next);
      if (outcome.kind === 'gone') return this.health.disable(tx, claimed, 'the receiver answered 410 Gone');
      return this.health.failed(tx, claimed, now);
    });
    const line = `webhook delivery ${claimed.id} attempt ${claimed.attempt}: ${result.statusCode ?? result.error} → ${outcome.kind}`;
    if (outcome.kind === 'retry') this.logger.debug(line);
    else this.logger.warn(line);
  }

  /** Too many attempts already in flight to this endpoint: try later without spending an attempt. */
  private async defer(claimed: ClaimedDelivery): Promise<void> {
    const base = claimed.failing ? this.config.webhookTimeoutMs / 2 : 100;
    const delayMs = Math.round(base * (1 + Math.random()));
    // Queued before the release: should we die in between, the lease runs out and the sweeper takes over.
    await this.jobs.queueAll([deliveryJob(claimed.id, claimed.attempt, delayMs, `d${randomBytes(4).toString('hex')}`)]);
    await this.deliveries.release(claimed.id, claimed.attempt, new Date(this.clock.now().getTime() + delayMs));
  }
}
