import { JobItem } from '@cairn/jobs';

/** Domain events announced through the outbox; webhooks and alerts subscribe to them. */
export const DOMAIN_EVENTS = [
  'response.created',
  'response.updated',
  'response.detractor',
  'response.promoter',
  'alert.triggered',
  'case.opened',
  'case.updated',
  'person.unsubscribed',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENTS)[number];

/** An outbox row is either a job to queue (topic "job") or a domain event (topic = its type). */
export type OutboxMessage =
  | { topic: 'job'; workspaceId?: string | null; job: JobItem; jobId: string; runAt?: Date; attempts?: number }
  | { topic: DomainEventType; workspaceId: string; data: Record<string, string | number | boolean | null> };

export const JOB_TOPIC = 'job';
