/** Every job Cairn runs. Payloads carry ids only: no PII ever reaches Redis. */
export enum JobName {
  RelayOutbox = 'relay-outbox',
  DispatchEvent = 'dispatch-event',
  DispatchEvents = 'dispatch-events',
  DeliverWebhook = 'deliver-webhook',
  SweepWebhooks = 'sweep-webhooks',
  SendWebhookDisabledEmail = 'send-webhook-disabled-email',
  SendSendingPausedEmail = 'send-sending-paused-email',
  ResumeSending = 'resume-sending',
  CheckReputation = 'check-reputation',
  EvaluateScoreDrops = 'evaluate-score-drops',
  SendCaseEmail = 'send-case-email',
  SendInvitation = 'send-invitation',
  SendReminder = 'send-reminder',
  ReconcileInvitations = 'reconcile-invitations',
  ExpireInvitations = 'expire-invitations',
  ApplyRetention = 'apply-retention',
  MaintainPartitions = 'maintain-partitions',
  DropErasedJobs = 'drop-erased-jobs',
  FoldRollups = 'fold-rollups',
  SettleAnswer = 'settle-answer',
  CountClick = 'count-click',
  AnalyseComments = 'analyse-comments',
  ScheduleRelationshipSurveys = 'schedule-relationship-surveys',
}

export enum QueueName {
  Email = 'email',
  Events = 'events',
  Webhooks = 'webhooks',
  Maintenance = 'maintenance',
}

export type JobItem =
  | { name: JobName.RelayOutbox; data: Record<string, never> }
  | { name: JobName.DispatchEvent; data: { outboxEventId: string } }
  /** The domain events of one relay batch (an event that fails in it gets a dispatch-event job of its own). */
  | { name: JobName.DispatchEvents; data: { outboxEventIds: string[] } }
  | { name: JobName.DeliverWebhook; data: { deliveryId: string } }
  | { name: JobName.SweepWebhooks; data: Record<string, never> }
  | { name: JobName.SendWebhookDisabledEmail; data: { endpointId: string; userId: string } }
  /** Tells one admin that the reputation guard paused the workspace's sending. */
  | { name: JobName.SendSendingPausedEmail; data: { workspaceId: string; userId: string } }
  /** Queues the sends and reminders of a workspace that waited while its sending was paused. */
  | { name: JobName.ResumeSending; data: { workspaceId: string } }
  /** Runs the reputation guard of a workspace after a bounce the send itself met (a 5xx at RCPT TO). */
  | { name: JobName.CheckReputation; data: { workspaceId: string } }
  | { name: JobName.EvaluateScoreDrops; data: Record<string, never> }
  | { name: JobName.SendCaseEmail; data: { caseId: string; userId: string } }
  | { name: JobName.SendInvitation; data: { invitationId: string } }
  | { name: JobName.SendReminder; data: { invitationId: string } }
  | { name: JobName.ReconcileInvitations; data: Record<string, never> }
  | { name: JobName.ExpireInvitations; data: Record<string, never> }
  | { name: JobName.ApplyRetention; data: Record<string, never> }
  /** Makes the history tables' monthly partitions ahead and drops those past HISTORY_RETENTION_MONTHS. */
  | { name: JobName.MaintainPartitions; data: Record<string, never> }
  | { name: JobName.DropErasedJobs; data: { jobIds: string[] } }
  | { name: JobName.FoldRollups; data: Record<string, never> }
  /** Acts on an answer the page saved step by step, if it was not edited after `savedAt` (ISO instant of that save). */
  | { name: JobName.SettleAnswer; data: { responseId: string; savedAt: string } }
  /** A score link's page seen for a moment, held until no other score of the email can still be opened in a burst. */
  | { name: JobName.CountClick; data: { invitationId: string; score: number; clickedAt: string } }
  /** Analyses every comment of the workspace that has none or one made with older themes (imports, theme edits). */
  | { name: JobName.AnalyseComments; data: { workspaceId: string } }
  /** Invites everyone whose slot in a relationship survey's current period has come and who has no invitation for it. */
  | { name: JobName.ScheduleRelationshipSurveys; data: Record<string, never> };

export type JobData<N extends JobName> = Extract<JobItem, { name: N }>['data'];

/** Which queue runs which job: slow SMTP never holds up webhooks, and vice versa. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.RelayOutbox]: QueueName.Maintenance,
  [JobName.DispatchEvent]: QueueName.Events,
  [JobName.DispatchEvents]: QueueName.Events,
  [JobName.DeliverWebhook]: QueueName.Webhooks,
  [JobName.SweepWebhooks]: QueueName.Maintenance,
  [JobName.SendWebhookDisabledEmail]: QueueName.Email,
  [JobName.SendSendingPausedEmail]: QueueName.Email,
  [JobName.ResumeSending]: QueueName.Maintenance,
  [JobName.CheckReputation]: QueueName.Maintenance,
  [JobName.EvaluateScoreDrops]: QueueName.Maintenance,
  [JobName.SendCaseEmail]: QueueName.Email,
  [JobName.SendInvitation]: QueueName.Email,
  [JobName.SendReminder]: QueueName.Email,
  [JobName.ReconcileInvitations]: QueueName.Maintenance,
  [JobName.ExpireInvitations]: QueueName.Maintenance,
  [JobName.ApplyRetention]: QueueName.Maintenance,
  [JobName.MaintainPartitions]: QueueName.Maintenance,
  [JobName.DropErasedJobs]: QueueName.Maintenance,
  [JobName.FoldRollups]: QueueName.Maintenance,
  [JobName.SettleAnswer]: QueueName.Events,
  [JobName.CountClick]: QueueName.Events,
  [JobName.AnalyseComments]: QueueName.Maintenance,
  [JobName.ScheduleRelationshipSurveys]: QueueName.Maintenance,
};

/** Jobs the worker runs on a timer (BullMQ job schedulers), with their period. */
export const SCHEDULED_JOBS: Partial<Record<JobName, number>> = {
  [JobName.RelayOutbox]: 2_000,
  // Pending rollup deltas are read on every score query: folding often keeps them few.
  [JobName.FoldRollups]: 1_000,
  [JobName.SweepWebhooks]: 10_000,
  [JobName.EvaluateScoreDrops]: 300_000,
  [JobName.ReconcileInvitations]: 15_000,
  [JobName.ExpireInvitations]: 60_000,
  [JobName.ApplyRetention]: 3_600_000,
  // Partitions are made months ahead: hourly leaves every failure (a lock not had) hundreds of tries before it matters.
  [JobName.MaintainPartitions]: 3_600_000,
  // Slots are whole seconds spread over the period: a relationship ask goes out within a minute of its slot.
  [JobName.ScheduleRelationshipSurveys]: 60_000,
};

export interface QueueJobOptions {
  /** Deterministic id: BullMQ ignores a second add with the same id. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
}

/** What a handler may know about the run of its job; BullMQ's own types stay inside libs/jobs. */
export interface JobRun {
  /** No retry follows if this try fails. */
  isLastAttempt: boolean;
}

/** Thrown by a handler to fail a job for good (no BullMQ retry). */
export class PermanentJobError extends Error {}
