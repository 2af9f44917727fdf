import { JobItem, JobName, QueueJobOptions, JobIds } from '@cairn/jobs';
import { OutboxMessage } from '@cairn/outbox';

/** One job per attempt (see JobIds.deliverWebhook). */
export function deliveryJob(deliveryId: string, nextAttempt: number, delayMs = 0, tag?: string): { item: JobItem; opts: QueueJobOptions } {
  return {
    item: { name: JobName.DeliverWebhook, data: { deliveryId } },
    // The handler owns retries (its own schedule); BullMQ must not add its own.
    opts: { jobId: JobIds.deliverWebhook(deliveryId, nextAttempt, tag), delayMs, attempts: 1 },
  };
}

/** The same job as an outbox row, written with the change that calls for it: the relay queues it once Redis takes it. */
export function deliveryJobMessage(workspaceId: string, job: { item: JobItem; opts: QueueJobOptions }): OutboxMessage {
  return { topic: 'job', workspaceId, job: job.item, jobId: job.opts.jobId!, attempts: job.opts.attempts };
}
