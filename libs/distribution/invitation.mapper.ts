import type { Invitation } from '../database/generated/client';

export function toInvitationDto(row: Invitation) {
  return {
    id: row.id,
    surveyId: row.surveyId,
    personId: row.personId,
    eventId: row.eventId,
    status: row.status,
    reason: row.reason,
    scheduledFor: row.scheduledFor,
    expiresAt: row.expiresAt,
    sentAt: row.sentAt,
    attempts: row.attempts,
    lastError: row.lastError,
    reminderDueAt: row.reminderDueAt,
    reminderSentAt: row.reminderSentAt,
    respondedAt: row.respondedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
