import { JobName } from './job.types';

/** The row a job works on; payloads carry ids only, so a workspace owns a job through this row. */
export type JobSubjectType = 'invitation' | 'outbox-event' | 'webhook-delivery' | 'webhook-endpoint' | 'case' | 'response';

export interface JobSubject {
  type: JobSubjectType;
  id: string;
}

const SUBJECT_FIELD: Partial<Record<JobName, [JobSubjectType, string]>> = {
  [JobName.SendInvitation]: ['invitation', 'invitationId'],
  [JobName.SendReminder]: ['invitation', 'invitationId'],
  [JobName.DispatchEvent]: ['outbox-event', 'outboxEventId'],
  [JobName.DeliverWebhook]: ['webhook-delivery', 'deliveryId'],
  [JobName.SendWebhookDisabledEmail]: ['webhook-endpoint', 'endpointId'],
  [JobName.SendCaseEmail]: ['case', 'caseId'],
  [JobName.SettleAnswer]: ['response', 'responseId'],
  [JobName.CountClick]: ['invitation', 'invitationId'],
};

/** The subject of a job, or null for instance-wide jobs (relay, sweeps, retention) that no workspace owns. */
export function subjectOf(name: string, data: unknown): JobSubject | null {
  const field = SUBJECT_FIELD[name as JobName];
  if (!field || typeof data !== 'object' || data === null) return null;
  const id = (data as Record<string, unknown>)[field[1]];
  return typeof id === 'string' && id.length > 0 && id.length <= 100 ? { type: field[0], id } : null;
}

export const subjectKey = (subject: JobSubject) => `${subject.type}:${subject.id}`;
