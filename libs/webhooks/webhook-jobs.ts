import { JobItem, JobName, QueueJobOptions } from '@cairn/jobs';
import { OutboxMessage } from '@cairn/outbox';

/**
 * One job per attempt. The first attempt's job id is the delivery id; later
 * ones add the attempt number, so the sweeper and the normal path dedupe to
 * the same job. `tag` makes an id that cannot collide (manual retry, re-enable).
 */
export function deliveryJob(deliveryId: string, nextAttempt: number, delayMs = 0, tag?: string): { item: JobItem; opts: QueueJobOptions } {
  const base = nextAttempt <= 1 ? deliveryId : `${deliveryId}-${nextAttempt}`;
  return {
    item: { name: JobName.DeliverWebhook, data: { deliveryId } },
    // The handler owns retries (its own schedule); BullMQ must not add its own.
    opts: { jobId: tag ? `${base}-${tag}` : base, delayMs, attempts: 1 },
  };
}

/** The same job as an outbox row, written with the change that calls for it: the relay queues it once Redis takes it. */
export function deliveryJobMessage(workspaceId: string, job: { item: JobItem; opts: QueueJobOptions }): OutboxMessage {
  return { topic: 'job', workspaceId, job: job.item, jobId: job.opts.jobId!, attempts: job.opts.attempts };
}
