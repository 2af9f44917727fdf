import type { Survey } from '@cairn/database';
import type { SurveyResponse } from './survey.response';

type Texts = Record<string, string> | null;

export function toSurveyDto(s: Survey): SurveyResponse {
  return {
    id: s.id,
    kind: s.kind,
    touchpointId: s.touchpointId,
    journeyId: s.journeyId,
    metric: s.metric,
    channel: s.channel,
    trigger: s.triggerEvent === null ? null : { event: s.triggerEvent, delaySeconds: s.delaySeconds },
    schedule: s.everyDays === null || s.scheduleAnchor === null ? null : { everyDays: s.everyDays, anchor: s.scheduleAnchor },
    // Only the persona filter validator's output is ever written here.
    segment: s.segment as Record<string, unknown> | null,
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
