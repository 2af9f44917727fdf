import { randomUUID } from 'node:crypto';

/**
 * Every job id format, in one place. An id is deterministic where a job must
 * exist once (BullMQ ignores a second add with the same id, so the outbox
 * relay, the reconciler and a retried request all land on the same job), and
 * fresh where every add is meant to be a new job.
 */
export const JobIds = {
  sendInvitation: (invitationId: string) => invitationId,
  /** A send put off to a later instant (an SMS in quiet hours): its own id, as the job that put it off still exists. */
  sendInvitationAt: (invitationId: string, at: Date) => `${invitationId}-at-${at.getTime()}`,
  sendReminder: (invitationId: string) => `reminder-${invitationId}`,
  dispatchEvent: (outboxEventId: string) => `event-${outboxEventId}`,
  /** A relay batch's events: the same rows relayed again (a COMMIT lost after the add) make the same id. */
  dispatchEvents: (outboxEventIds: string[]) =>
    `events-${outboxEventIds[0]}-${outboxEventIds[outboxEventIds.length - 1]}-${outboxEventIds.length}`,
  sendCaseEmail: (caseId: string, userId: string) => `case-mail-${caseId}-${userId}`,
  /** One per disabling: an endpoint disabled again later mails again. */
  sendWebhookDisabledEmail: (endpointId: string, userId: string, disabledAt: Date) =>
    `webhook-disabled-${endpointId}-${userId}-${disabledAt.getTime()}`,
  /**
   * One job per attempt: the first attempt's id is the delivery id, later ones add the attempt number, so the
   * sweeper and the normal path dedupe to the same job; `tag` makes an id that cannot collide (manual retry, re-enable).
   */
  deliverWebhook: (deliveryId: string, attempt: number, tag?: string) => {
    const base = attempt <= 1 ? deliveryId : `${deliveryId}-${attempt}`;
    return tag ? `${base}-${tag}` : base;
  },
  /** One per request (an import, a theme change): each runs the workspace's stale comments once more. */
  analyseComments: (workspaceId: string) => `analyse-comments-${workspaceId}-${randomUUID()}`,
  /** One per save: each save that ends a burst of edits settles it, whichever runs last finds nothing more to do. */
  settleAnswer: (responseId: string, savedAt: Date) => `settle-${responseId}-${savedAt.getTime()}`,
  /** One per click (a reload is another click; only one that counts records); a scanner's clicks share milliseconds. */
  countClick: (invitationId: string, score: number, clickedAt: Date) => `click-${invitationId}-${score}-${clickedAt.getTime()}`,
  dropErasedJobs: () => `drop-erased-${randomUUID()}`,
  /** At most one guard run per workspace and 10 seconds, however many sends bounce in them. */
  checkReputation: (workspaceId: string, at: Date) => `reputation-${workspaceId}-${Math.floor(at.getTime() / 10_000)}`,
};
