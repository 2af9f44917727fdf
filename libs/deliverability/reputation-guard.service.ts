import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { JobData, JobName, OnJob } from '@cairn/jobs';
import { OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { DeliverabilityStatsRepository } from './deliverability-stats.repository';
import { pauseReason } from './reputation.policy';
import { SendingPauseRepository } from './sending-pause.repository';

const DAY_MS = 86_400_000;

/**
 * Pauses a workspace's sending before its domain's reputation burns: checked after every bounce or complaint
 * recorded. The pause and the admins' emails commit together (the emails are outbox jobs).
 */
@Injectable()
export class ReputationGuardService {
  private readonly logger = new Logger(ReputationGuardService.name);

  constructor(
    private readonly stats: DeliverabilityStatsRepository,
    private readonly pauses: SendingPauseRepository,
    private readonly transactions: OutboxTransactionRunner,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** After a bounce the send itself met (libs/distribution writes this job with the bounce). */
  @OnJob(JobName.CheckReputation)
  async checkJob({ workspaceId }: JobData<JobName.CheckReputation>): Promise<boolean> {
    return this.check(workspaceId);
  }

  async check(workspaceId: string): Promise<boolean> {
    const state = await this.pauses.state(workspaceId);
    if (state?.sendingPausedAt) return false;
    const now = this.clock.now();
    // After an admin resumed, what was sent and reported before (the late reports of the emails that caused the
    // pause among them) would pause it again at once: the window starts at the resume.
    const dayAgo = new Date(now.getTime() - DAY_MS);
    const resumedAt = state?.sendingResumedAt && state.sendingResumedAt > dayAgo ? state.sendingResumedAt : null;
    const reason = pauseReason(await this.stats.counts(workspaceId, resumedAt ?? dayAgo), this.config.deliverability.pause, resumedAt);
    if (!reason) return false;
    const paused = await this.transactions.run(async (tx) => {
      if (!(await this.pauses.pause(tx, workspaceId, reason, now))) return false;
      const admins = await this.pauses.adminIds(tx, workspaceId);
      await this.outbox.add(
        tx,
        admins.map((admin) => ({
          topic: 'job' as const,
          workspaceId,
          job: { name: JobName.SendSendingPausedEmail, data: { workspaceId, userId: admin.id } },
          jobId: `sending-paused-${workspaceId}-${now.getTime()}-${admin.id}`,
        })),
      );
      return true;
    });
    if (paused) this.logger.warn(`workspace ${workspaceId}: sending paused (${reason})`);
    return paused;
  }
}
