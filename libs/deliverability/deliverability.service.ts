import { Inject, Injectable } from '@nestjs/common';
import { Clock, randomToken, sha256Hex } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { JobName } from '@cairn/jobs';
import { OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { DeliverabilityStatsRepository } from './deliverability-stats.repository';
import { DeliverabilityResponse, DeliveryWindowResponse, ProviderHookCredentialsResponse } from './deliverability.response';
import { ProviderHookRepository } from './provider-hook.repository';
import { rate } from './reputation.policy';
import { SendingPauseRepository } from './sending-pause.repository';

const DAY_MS = 86_400_000;

/** GET /deliverability, resuming a paused workspace, and the providers' hook password. */
@Injectable()
export class DeliverabilityService {
  constructor(
    private readonly stats: DeliverabilityStatsRepository,
    private readonly pauses: SendingPauseRepository,
    private readonly hooks: ProviderHookRepository,
    private readonly clock: Clock,
    private readonly transactions: OutboxTransactionRunner,
    private readonly outbox: OutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async overview(workspaceId: string): Promise<DeliverabilityResponse> {
    const now = this.clock.now().getTime();
    const week = new Date(now - 7 * DAY_MS);
    const [day, seven, domains, state] = await Promise.all([
      this.window(workspaceId, new Date(now - DAY_MS)),
      this.window(workspaceId, week),
      this.stats.topBouncingDomains(workspaceId, week),
      this.pauses.state(workspaceId),
    ]);
    const pausedAt = state?.sendingPausedAt ?? null;
    return {
      last24h: day,
      last7d: seven,
      topBouncingDomains: domains,
      sending: { paused: pausedAt !== null, pausedAt, reason: state?.sendingPausedReason ?? null },
      thresholds: this.config.deliverability.pause,
    };
  }

  private async window(workspaceId: string, since: Date): Promise<DeliveryWindowResponse> {
    const counts = await this.stats.counts(workspaceId, since);
    return {
      ...counts,
      delivered: Math.max(0, counts.sent - counts.bounced),
      bounceRate: rate(counts.bounced, counts.sent),
      complaintRate: rate(counts.complained, counts.sent),
    };
  }

  /** Sending starts again: a job committed with the resume queues the invitations that waited. */
  async resume(workspaceId: string): Promise<DeliverabilityResponse> {
    await this.transactions.run(async (tx) => {
      const now = this.clock.now();
      if (!(await this.pauses.resume(tx, workspaceId, now))) return;
      const job = { name: JobName.ResumeSending, data: { workspaceId } } as const;
      await this.outbox.add(tx, [{ topic: 'job', workspaceId, job, jobId: `resume-${workspaceId}-${now.getTime()}` }]);
    });
    return this.overview(workspaceId);
  }

  /** A new hook password (the old one stops working at once). */
  async rotateHookPassword(workspaceId: string): Promise<ProviderHookCredentialsResponse> {
    const password = randomToken(24);
    await this.hooks.setSecretHash(workspaceId, sha256Hex(password));
    return { username: workspaceId, password };
  }
}
