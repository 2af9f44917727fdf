import type { ResponseRow } from './response-query.repository';

export const CSV_COLUMNS = [
  'id',
  'createdAt',
  'updatedAt',
  'metric',
  'score',
  'scaleMin',
  'scaleMax',
  'comment',
  'locale',
  'source',
  'touchpointId',
  'stageId',
  'journeyId',
  'surveyId',
  'invitationId',
  'personId',
  'personEmail',
  'personName',
  'personProperties',
  'sentiment',
  'sentimentScore',
  'themes',
] as const;

/** RFC 4180 quoting, plus a leading apostrophe on text a spreadsheet would run as a formula (comments are customer input). */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(r: ResponseRow): string {
  const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    id: r.id,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    metric: r.metric,
    score: r.score,
    scaleMin: r.scaleMin,
    scaleMax: r.scaleMax,
    comment: r.comment,
    locale: r.locale,
    source: r.source,
    touchpointId: r.touchpointId,
    stageId: r.stageId,
    journeyId: r.journeyId,
    surveyId: r.surveyId,
    invitationId: r.invitationId,
    personId: r.personId,
    personEmail: r.person?.email,
    personName: r.person?.name,
    personProperties: r.personProperties,
    sentiment: r.analysis?.sentimentLabel,
    sentimentScore: r.analysis?.sentimentScore,
    // Theme keys joined by a space: one cell a spreadsheet can filter on.
    themes: r.analysis?.themes.join(' '),
  };
  return `${CSV_COLUMNS.map((column) => csvCell(values[column])).join(',')}\r\n`;
}
