import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { JobData, JobName, OnJob } from '@cairn/jobs';
import { OutboxRelayService } from '@cairn/outbox';
import { InvitationJobQueue } from './invitation-job.queue';
import { InvitationRepository } from './invitation.repository';

const BATCH = 1000;
/** Leaves the normal path (outbox relay → delayed job) a moment before stepping in. */
const GRACE_MS = 5_000;
const EXPIRE_BATCH = 1000;

/**
 * The safety net of distribution: Postgres is the truth, Redis only a
 * schedule. Every run re-queues what is due but has no job (Redis lost its
 * data, a job was removed) and moves outbox rows the fast path left behind.
 */
@Injectable()
export class InvitationReconcilerService {
  private readonly logger = new Logger(InvitationReconcilerService.name);

  constructor(
    private readonly invitations: InvitationRepository,
    private readonly queue: InvitationJobQueue,
    private readonly relay: OutboxRelayService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OnJob(JobName.ReconcileInvitations)
  async reconcile(): Promise<{ sends: number; reminders: number }> {
    await this.relay.relay();
    const now = this.clock.now().getTime();
    const due = await this.invitations.dueIds(new Date(now - 2 * this.config.jobLockMs), new Date(now - GRACE_MS), BATCH);
    const sends = await this.queue.ensure(JobName.SendInvitation, due);
    const reminderIds = await this.invitations.dueReminderIds(new Date(now - GRACE_MS), BATCH);
    const reminders = await this.queue.ensure(JobName.SendReminder, reminderIds);
    if (sends || reminders) this.logger.warn(`re-queued ${sends} invitation and ${reminders} reminder job(s) that had no job`);
    return { sends, reminders };
  }

  /** Sending resumed after a pause: what waited is queued now, not at the reconciler's next pass. */
  @OnJob(JobName.ResumeSending)
  async resume({ workspaceId }: JobData<JobName.ResumeSending>): Promise<number> {
    let queued = 0;
    for (let after = ''; ;) {
      const page = await this.invitations.waitingIds(workspaceId, this.clock.now(), after, BATCH);
      queued += await this.queue.ensure(
        JobName.SendInvitation,
        page.filter((row) => !row.reminder).map((row) => row.id),
      );
      queued += await this.queue.ensure(
        JobName.SendReminder,
        page.filter((row) => row.reminder).map((row) => row.id),
      );
      if (page.length < BATCH) return queued;
      after = page[page.length - 1].id;
    }
  }

  @OnJob(JobName.ExpireInvitations)
  async expire(): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.invitations.expireDue(this.clock.now(), EXPIRE_BATCH);
      total += count;
      if (count < EXPIRE_BATCH) return total;
    }
  }
}
