import { Injectable } from '@nestjs/common';
import { JobRepository, JobData, JobName, JobIds, OnJob } from '@cairn/jobs';
import { OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { RedisUnavailableError, withDeadline } from '@cairn/redis';

/** How long an erasure request waits for Redis to drop the person's queued jobs. */
const INLINE_DEADLINE_MS = 1000;

/**
 * Queued jobs carry ids only, but a failed job keeps its error text (which
 * may quote the address) for days; the send job would find the invitation
 * cancelled anyway, so these are simply removed. Right away when Redis
 * answers; when it does not, the erasure still answers (it is committed in
 * Postgres) and the removal goes through the outbox to the worker.
 */
@Injectable()
export class ErasedJobsService {
  constructor(
    private readonly jobs: JobRepository,
    private readonly transactions: OutboxTransactionRunner,
    private readonly outbox: OutboxRepository,
  ) {}

  async drop(workspaceId: string, jobIds: string[]): Promise<void> {
    if (!jobIds.length) return;
    try {
      if (!this.jobs.connected()) throw new RedisUnavailableError('not connected');
      await withDeadline(this.jobs.removeJobs(jobIds), INLINE_DEADLINE_MS);
    } catch (error) {
      if (!(error instanceof RedisUnavailableError)) throw error;
      await this.transactions.run((tx) =>
        this.outbox.add(tx, [
          { topic: 'job', workspaceId, job: { name: JobName.DropErasedJobs, data: { jobIds } }, jobId: JobIds.dropErasedJobs() },
        ]),
      );
    }
  }

  @OnJob(JobName.DropErasedJobs)
  async dropLater({ jobIds }: JobData<JobName.DropErasedJobs>): Promise<void> {
    await this.jobs.removeJobs(jobIds);
  }
}
