import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobRepository } from './job.repository';
import { QueueName } from './job.types';

export const JOB_STATES = ['failed', 'active', 'waiting', 'delayed', 'completed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** What the job views read of a BullMQ job; the payload stays here (only its subject id leaves). */
export interface JobRecord {
  id: string;
  queue: QueueName;
  name: string;
  data: unknown;
  attemptsMade: number;
  maxAttempts: number;
  failedReason: string | null;
  timestamp: number;
  processedOn: number | null;
  finishedOn: number | null;
  delay: number;
}

/** The read side of the queues (listing, retrying) for the per-workspace job view; JobRepository owns the connections. */
@Injectable()
export class JobInspectionRepository {
  constructor(private readonly jobs: JobRepository) {}

  /** Jobs in one state, newest first, positions start..end inclusive. */
  async page(queue: QueueName, state: JobState, start: number, end: number): Promise<JobRecord[]> {
    const jobs = await this.jobs.getQueue(queue).getJobs([state], start, end, false);
    return jobs.filter((job): job is Job => Boolean(job)).map((job) => toRecord(queue, job));
  }

  async find(queue: QueueName, id: string): Promise<{ record: JobRecord; state: string } | null> {
    const job = await this.jobs.getQueue(queue).getJob(id);
    return job ? { record: toRecord(queue, job), state: await job.getState() } : null;
  }

  /** Moves a failed job back to waiting, with a fresh set of attempts. */
  async retry(queue: QueueName, id: string): Promise<void> {
    const job = await this.jobs.getQueue(queue).getJob(id);
    await job?.retry('failed', { resetAttemptsMade: true });
  }
}

function toRecord(queue: QueueName, job: Job): JobRecord {
  return {
    id: String(job.id),
    queue,
    name: job.name,
    data: job.data,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    failedReason: job.failedReason || null,
    timestamp: job.timestamp,
    processedOn: job.processedOn ?? null,
    finishedOn: job.finishedOn ?? null,
    delay: job.opts.delay ?? 0,
  };
}
