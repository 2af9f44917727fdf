import type { Survey } from '@cairn/database';
import type { SurveyResponse } from './survey.response';

type Texts = Record<string, string> | null;

export function toSurveyDto(s: Survey): SurveyResponse {
  return {
    id: s.id,
    touchpointId: s.touchpointId,
    metric: s.metric,
    trigger: { event: s.triggerEvent, delaySeconds: s.delaySeconds },
    // Only IsLocalizedText-checked objects are ever written to these columns.
    question: s.question as Texts,
    commentPrompt: s.commentPrompt as Texts,
    subject: s.subject as Texts,
    reminderAfterSeconds: s.reminderAfterSeconds,
    throttleDays: s.throttleDays,
    expiresAfterSeconds: s.expiresAfterSeconds,
    active: s.active,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}
