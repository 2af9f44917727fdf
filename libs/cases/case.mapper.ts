import type { Case, CaseNote, CommentAnalysis, Person, Response as ResponseRow } from '@cairn/database';
import { toAnalysisDto } from '@cairn/responses';

type CaseRow = Case & { response: (ResponseRow & { analysis?: CommentAnalysis | null }) | null; person: Person | null; notes?: CaseNote[] };

export function toCaseDto(c: CaseRow, now = new Date()) {
  return {
    id: c.id,
    status: c.status,
    assignee: c.assignee,
    dueAt: c.dueAt,
    overdue: c.status !== 'resolved' && c.dueAt !== null && c.dueAt < now,
    resolvedAt: c.resolvedAt,
    autoResolved: c.autoResolved,
    alertId: c.alertId,
    responseId: c.responseId,
    touchpointId: c.touchpointId,
    response: c.response && {
      id: c.response.id,
      metric: c.response.metric,
      score: c.response.score,
      comment: c.response.comment,
      analysis: toAnalysisDto(c.response.analysis),
      // Only an answer to a relationship survey has no touchpoint (a trigger holds touchpoint and stage together).
      kind: c.response.touchpointId === null ? ('relationship' as const) : ('touchpoint' as const),
      createdAt: c.response.createdAt,
    },
    person: c.person && { id: c.person.id, email: c.person.email, name: c.person.name },
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    ...(c.notes ? { notes: c.notes.map((n) => ({ id: n.id, author: n.author, body: n.body, createdAt: n.createdAt })) } : {}),
  };
}
