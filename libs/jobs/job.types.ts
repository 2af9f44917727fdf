/** Every job Cairn runs. Payloads carry ids only: no PII ever reaches Redis. */
export enum JobName {
  RelayOutbox = 'relay-outbox',
  DispatchEvent = 'dispatch-event',
}

export enum QueueName {
  Email = 'email',
  Events = 'events',
  Webhooks = 'webhooks',
  Maintenance = 'maintenance',
}

export type JobItem =
  | { name: JobName.RelayOutbox; data: Record<string, never> }
  | { name: JobName.DispatchEvent; data: { outboxEventId: string } };

export type JobData<N extends JobName> = Extract<JobItem, { name: N }>['data'];

/** Which queue runs which job: slow SMTP never holds up webhooks, and vice versa. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.RelayOutbox]: QueueName.Maintenance,
  [JobName.DispatchEvent]: QueueName.Events,
};

/** Jobs the worker runs on a timer (BullMQ job schedulers), with their period. */
export const SCHEDULED_JOBS: Partial<Record<JobName, number>> = {
  [JobName.RelayOutbox]: 2_000,
};

export interface QueueJobOptions {
  /** Deterministic id: BullMQ ignores a second add with the same id. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
}

/** Thrown by a handler to fail a job for good (no BullMQ retry). */
export class PermanentJobError extends Error {}
