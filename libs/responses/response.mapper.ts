import type { ResponseRow } from './response-query.repository';

export function toResponseDto(r: ResponseRow) {
  return {
    id: r.id,
    metric: r.metric,
    scale: { min: r.scaleMin, max: r.scaleMax },
    score: r.score,
    comment: r.comment,
    locale: r.locale,
    source: r.source,
    touchpointId: r.touchpointId,
    stageId: r.stageId,
    journeyId: r.journeyId,
    surveyId: r.surveyId,
    invitationId: r.invitationId,
    personId: r.personId,
    person: r.person ? { id: r.person.id, email: r.person.email, name: r.person.name } : null,
    personProperties: r.personProperties,
    editableUntil: r.editableUntil,
    analysis: r.analysis
      ? {
          language: r.analysis.language,
          sentiment: { score: Math.round(r.analysis.sentimentScore * 1000) / 1000, label: r.analysis.sentimentLabel },
          themes: r.analysis.themes,
        }
      : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export type ResponseDto = ReturnType<typeof toResponseDto>;
