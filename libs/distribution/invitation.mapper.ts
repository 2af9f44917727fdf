import type { Invitation } from '@cairn/database';
import type { InvitationResponse } from './invitation.response';

export function toInvitationDto(row: Invitation): InvitationResponse {
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
    smsStatus: row.smsStatus,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
