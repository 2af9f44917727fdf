import { JobItem } from '@cairn/jobs';

/**
 * Every domain event announced through the outbox, with its one payload
 * shape: publishers and subscribers (webhooks, alerts) both type against
 * this map. Payloads carry ids; subscribers read the rows they need.
 */
export interface DomainEventMap {
  'response.created': { responseId: string };
  'response.updated': { responseId: string };
  'response.detractor': { responseId: string };
  'response.promoter': { responseId: string };
  /** `responseId` is the answer that matched a response rule; null for a score drop. */
  'alert.triggered': { alertId: string; ruleId: string; kind: 'response' | 'score_drop'; responseId: string | null };
  'case.opened': { caseId: string; responseId: string; status: 'open' };
  'case.updated': { caseId: string; status: string; previousStatus: string; assignee: string | null; noteId: string | null; by: string };
  'person.unsubscribed': { personId: string };
  /** The address is suppressed after a hard bounce (or repeated soft ones): no survey is sent to it again. */
  'person.bounced': { personId: string; invitationId: string | null; kind: 'hard' | 'soft'; status: string | null };
  /** Internal (no webhook): an answer saved step by step came to rest; alerts and its case act on it now. */
  'response.settled': { responseId: string };
}

export type DomainEventType = keyof DomainEventMap;

/** The map's keys that webhooks offer, in the order the webhook documentation lists them. */
export const DOMAIN_EVENTS = [
  'response.created',
  'response.updated',
  'response.detractor',
  'response.promoter',
  'alert.triggered',
  'case.opened',
  'case.updated',
  'person.unsubscribed',
  'person.bounced',
] as const satisfies readonly DomainEventType[];
/** Events only Cairn's own subscribers hear. */
export const INTERNAL_EVENTS = ['response.settled'] as const satisfies readonly DomainEventType[];
// Fails to compile when an event of the map is in neither list.
const everyEventListed: [Exclude<DomainEventType, (typeof DOMAIN_EVENTS)[number] | (typeof INTERNAL_EVENTS)[number]>] extends [never]
  ? true
  : never = true;
void everyEventListed;

/** A domain event to write to the outbox: its type picks its payload. */
export type DomainEventMessage<K extends DomainEventType = DomainEventType> = {
  [T in K]: { topic: T; workspaceId: string; data: DomainEventMap[T] };
}[K];

/** An outbox row is either a job to queue (topic "job") or a domain event (topic = its type). */
export type OutboxMessage =
  { topic: 'job'; workspaceId?: string | null; job: JobItem; jobId: string; runAt?: Date; attempts?: number } | DomainEventMessage;

export const JOB_TOPIC = 'job';
