// Rows of a Delighted CSV export of survey responses. Exports differed by
// account and year, so columns are matched by name, case-insensitively, and
// every column that is not a known field becomes a response property.
import { parse } from 'csv-parse/sync';

export interface ImportRow {
  line: number;
  externalId: string | null;
  score: number;
  comment: string | null;
  email: string | null;
  name: string | null;
  surveyType: string | null;
  createdAt: Date;
  properties: Record<string, string>;
  /** Delighted's person id (kept as the person's compat id), or null. */
  personId?: string | null;
  tags?: string[];
  /** Columns `Question <id>: <text>`, one per additional question answered on this row. */
  additionalAnswers?: Array<{ question: { id: string; text: string }; value: string | number }>;
  /** Delighted's trend id of the response, or null. */
  trend?: string | null;
}

export interface RowError {
  line: number;
  error: string;
}

const FIELDS: Record<string, string[]> = {
  externalId: ['response id', 'id', 'survey response id', 'response_id'],
  score: ['score', 'rating'],
  comment: ['comment', 'comments'],
  email: ['email', 'person email', 'e-mail', 'person_email'],
  name: ['name', 'person name', 'person_name'],
  surveyType: ['survey type', 'survey_type'],
  createdAt: ['response timestamp', 'created at', 'created_at', 'timestamp', 'responded at', 'date'],
  personId: ['person id', 'person_id'],
  tags: ['tags'],
  trend: ['trend', 'trend id', 'trend_id'],
};
/** An additional question's column: `Question 55: What do you like most?` (question id, then its text). */
const QUESTION_COLUMN = /^question\s+([\w-]{1,100})\s*:\s*(.+)$/i;
// Columns of the export that are about Delighted itself, not the respondent.
const IGNORED = ['permalink', 'updated at', 'updated_at', 'notes', 'delighted id', 'phone number', 'phone_number'];

export function parseDelightedCsv(text: string): { rows: ImportRow[]; errors: RowError[] } {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as Array<
    Record<string, string>
  >;
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  records.forEach((record, index) => {
    const line = index + 2;
    try {
      rows.push(toRow(record, line));
    } catch (error) {
      errors.push({ line, error: (error as Error).message });
    }
  });
  return { rows, errors };
}

function toRow(record: Record<string, string>, line: number): ImportRow {
  const fields: Record<string, string> = {};
  const properties: Record<string, string> = {};
  const additionalAnswers: ImportRow['additionalAnswers'] = [];
  for (const [column, raw] of Object.entries(record)) {
    const key = column.trim().toLowerCase();
    const field = Object.keys(FIELDS).find((name) => FIELDS[name].includes(key));
    const question = QUESTION_COLUMN.exec(column.trim());
    if (field) fields[field] ??= raw;
    else if (question) {
      if (raw !== '')
        additionalAnswers.push({
          question: { id: question[1], text: question[2].trim() },
          value: /^\d{1,2}$/.test(raw) ? Number(raw) : raw.slice(0, 5000),
        });
    } else if (!IGNORED.includes(key) && raw !== '' && column.trim() !== '') properties[column.trim()] = raw.slice(0, 1000);
  }
  if (!/^\d{1,2}$/.test(fields.score ?? '')) throw new Error(`score "${fields.score ?? ''}" is not a whole number`);
  const createdAt = parseTimestamp(fields.createdAt);
  if (!createdAt) throw new Error(`timestamp "${fields.createdAt ?? ''}" is not a date`);
  return {
    line,
    externalId: fields.externalId || null,
    score: Number(fields.score),
    comment: fields.comment || null,
    email: fields.email?.toLowerCase() || null,
    name: fields.name || null,
    surveyType: fields.surveyType?.toLowerCase() || null,
    createdAt,
    properties,
    personId: fields.personId || null,
    tags: (fields.tags ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
    additionalAnswers,
    trend: fields.trend || null,
  };
}

/** Unix seconds, ISO-8601, or "2024-03-01 10:00:00 -0800" / "… UTC" as spreadsheets write them. */
export function parseTimestamp(raw: string | undefined): Date | null {
  if (!raw) return null;
  if (/^\d{9,11}$/.test(raw)) return new Date(Number(raw) * 1000);
  const normalised = raw
    .replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/, '$1T$2')
    .replace(/\s*UTC$/i, 'Z')
    .replace(/\s+([+-]\d{2}):?(\d{2})$/, '$1:$2');
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/.test(normalised)) return null;
  const withZone = /T/.test(normalised) && !/(Z|[+-]\d{2}:\d{2})$/.test(normalised) ? `${normalised}Z` : normalised;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? null : new Date(ms);
}
