/** Every job Cairn runs. Payloads carry ids only: no PII ever reaches Redis. */
export enum JobName {
  RelayOutbox = 'relay-outbox',
  SendInvitation = 'send-invitation',
  SendReminder = 'send-reminder',
  ReconcileInvitations = 'reconcile-invitations',
  DispatchEvent = 'dispatch-event',
  DeliverWebhook = 'deliver-webhook',
  EvaluateScoreDrops = 'evaluate-score-drops',
  NotifyCaseOpened = 'notify-case-opened',
  ApplyRetention = 'apply-retention',
}

export enum QueueName {
  Email = 'email',
  Events = 'events',
  Webhooks = 'webhooks',
  Maintenance = 'maintenance',
}

export type JobItem =
  | { name: JobName.RelayOutbox; data: Record<string, never> }
  | { name: JobName.SendInvitation; data: { invitationId: string } }
  | { name: JobName.SendReminder; data: { invitationId: string } }
  | { name: JobName.ReconcileInvitations; data: Record<string, never> }
  | { name: JobName.DispatchEvent; data: { outboxEventId: string } }
  | { name: JobName.DeliverWebhook; data: { deliveryId: string } }
  | { name: JobName.EvaluateScoreDrops; data: { touchpointId?: string } }
  | { name: JobName.NotifyCaseOpened; data: { caseId: string } }
  | { name: JobName.ApplyRetention; data: Record<string, never> };

export type JobData<N extends JobName> = Extract<JobItem, { name: N }>['data'];

/** Which queue runs which job: slow SMTP never holds up webhooks, and vice versa. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.RelayOutbox]: QueueName.Maintenance,
  [JobName.ReconcileInvitations]: QueueName.Maintenance,
  [JobName.EvaluateScoreDrops]: QueueName.Maintenance,
  [JobName.ApplyRetention]: QueueName.Maintenance,
  [JobName.SendInvitation]: QueueName.Email,
  [JobName.SendReminder]: QueueName.Email,
  [JobName.NotifyCaseOpened]: QueueName.Email,
  [JobName.DispatchEvent]: QueueName.Events,
  [JobName.DeliverWebhook]: QueueName.Webhooks,
};

export interface QueueJobOptions {
  /** Deterministic id: BullMQ ignores a second add with the same id. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
}

/** Thrown by a handler to fail a job for good (no BullMQ retry). */
export class PermanentJobError extends Error {}
