import type { CommentAnalysis } from '@cairn/database';
import type { ResponseRow } from './response-query.repository';

type AnalysisRow = Pick<CommentAnalysis, 'language' | 'sentimentScore' | 'sentimentLabel' | 'themes'>;

/** A comment's analysis as every API shows it (responses, cases, webhooks): null while pending or without a comment. */
export function toAnalysisDto(a: AnalysisRow | null | undefined) {
  if (!a) return null;
  return {
    language: a.language,
    sentiment: { score: Math.round(a.sentimentScore * 1000) / 1000, label: a.sentimentLabel },
    themes: a.themes,
  };
}

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
    analysis: toAnalysisDto(r.analysis),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export type ResponseDto = ReturnType<typeof toResponseDto>;
