import type { Survey } from '../database/generated/client';

export function toSurveyDto(s: Survey) {
  return {
    id: s.id,
    touchpointId: s.touchpointId,
    metric: s.metric,
    trigger: { event: s.triggerEvent, delaySeconds: s.delaySeconds },
    question: s.question,
    commentPrompt: s.commentPrompt,
    subject: s.subject,
    reminderAfterSeconds: s.reminderAfterSeconds,
    throttleDays: s.throttleDays,
    expiresAfterSeconds: s.expiresAfterSeconds,
    active: s.active,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}
