import { Injectable } from '@nestjs/common';
import { JobRepository, JOB_QUEUE, JobName, JobIds } from '@cairn/jobs';

type SendJobName = JobName.SendInvitation | JobName.SendReminder;

/** Makes sure a send job exists for an invitation, whatever Redis forgot. */
@Injectable()
export class InvitationJobQueue {
  constructor(private readonly jobs: JobRepository) {}

  static jobId(name: SendJobName, invitationId: string): string {
    return name === JobName.SendReminder ? JobIds.sendReminder(invitationId) : JobIds.sendInvitation(invitationId);
  }

  /**
   * Queues the job unless one is waiting, delayed or running. A finished or
   * half-lost job with the same id would swallow the add, so it is removed
   * first: the handler re-reads the invitation and does nothing if there is
   * nothing to do.
   */
  async ensure(name: SendJobName, invitationIds: string[]): Promise<number> {
    const queue = this.jobs.getQueue(JOB_QUEUE[name]);
    const missing: string[] = [];
    await Promise.all(
      invitationIds.map(async (invitationId) => {
        const jobId = InvitationJobQueue.jobId(name, invitationId);
        const state = await queue.getJobState(jobId);
        if (!['completed', 'failed', 'unknown'].includes(state)) return;
        // 'unknown' can still leave a half job behind (Redis lost keys while a worker touched the job):
        // its hash alone makes BullMQ ignore the add, so clear it too. A locked job is left alone.
        await queue.remove(jobId).catch(() => 0);
        missing.push(invitationId);
      }),
    );
    if (missing.length) {
      await this.jobs.queueAll(
        missing.map((invitationId) => ({
          item: { name, data: { invitationId } },
          opts: { jobId: InvitationJobQueue.jobId(name, invitationId) },
        })),
      );
    }
    return missing.length;
  }
}
