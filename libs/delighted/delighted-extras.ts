// Delighted's `tags` and `additional_answers` (answers to a survey's extra questions), as its API read and wrote
// them: tags are strings; an answer names its question by id and text and holds one value of its question's type.
import { ErrorCollector } from './delighted-errors';
import { Params } from './delighted-params';

export const QUESTION_TYPES = ['free_response', 'scale', 'select_one', 'select_many'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface AdditionalAnswer {
  id: string;
  value: Record<QuestionType, unknown>;
  question: { id: string; type: QuestionType; text: string };
}

const MAX_TAGS = 50;
const MAX_ANSWERS = 50;
const MAX_TEXT = 5000;

/** `tags: ["a","b"]`, `tags[]=a&tags[]=b` or `tags: "a,b"` (a CSV cell). */
export function parseTags(params: Params, errors: ErrorCollector): string[] | undefined {
  const raw = params['tags[]'] ?? params.tags;
  if (raw === undefined || raw === null) return undefined;
  const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : null;
  if (!items || items.some((t) => typeof t !== 'string' && typeof t !== 'number')) return void errors.add('tags', 'is invalid');
  const tags = [...new Set(items.map((t) => String(t).trim()).filter(Boolean))];
  if (tags.length > MAX_TAGS || tags.some((t) => t.length > 255))
    return void errors.add('tags', `is invalid (at most ${MAX_TAGS} of 255 characters)`);
  return tags;
}

/** Answers as Delighted returned them, or `{ question: { id, text, type? }, value: <the value itself> }`. */
export function parseAdditionalAnswers(params: Params, errors: ErrorCollector): AdditionalAnswer[] | undefined {
  const raw = params.additional_answers;
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw) || raw.length > MAX_ANSWERS)
    return void errors.add('additional_answers', `must be a list of at most ${MAX_ANSWERS}`);
  const answers: AdditionalAnswer[] = [];
  raw.forEach((item, index) => {
    const answer = toAnswer(item, index);
    if (typeof answer === 'string') errors.add(`additional_answers[${index}]`, answer);
    else answers.push(answer);
  });
  return answers;
}

function toAnswer(item: unknown, index: number): AdditionalAnswer | string {
  if (!item || typeof item !== 'object') return 'is invalid';
  const { id, question, value } = item as { id?: unknown; question?: Record<string, unknown>; value?: unknown };
  if (!question || typeof question !== 'object') return 'needs a question { id, text }';
  const questionId = question.id;
  const text = question.text;
  if ((typeof questionId !== 'string' && typeof questionId !== 'number') || String(questionId).length > 100)
    return 'question.id is invalid';
  if (typeof text !== 'string' || !text.trim() || text.length > 1000) return 'question.text is invalid';
  const values = normaliseValue(value, question.type);
  if (typeof values === 'string') return values;
  const type = (QUESTION_TYPES as readonly string[]).includes(String(question.type)) ? (question.type as QuestionType) : values.type;
  return { id: String(id ?? index + 1), value: values.value, question: { id: String(questionId), type, text: text.trim() } };
}

function normaliseValue(value: unknown, declared: unknown): { type: QuestionType; value: Record<QuestionType, unknown> } | string {
  const empty: Record<QuestionType, unknown> = { free_response: null, scale: null, select_one: null, select_many: null };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const given = value as Record<string, unknown>;
    const type = QUESTION_TYPES.find((t) => given[t] !== undefined && given[t] !== null);
    if (JSON.stringify(given).length > MAX_TEXT) return 'value is too long';
    return { type: type ?? 'free_response', value: { ...empty, ...pick(given) } };
  }
  if (typeof value === 'string') {
    if (value.length > MAX_TEXT) return 'value is too long';
    return declared === 'select_one'
      ? { type: 'select_one', value: { ...empty, select_one: { id: null, text: value } } }
      : { type: 'free_response', value: { ...empty, free_response: value } };
  }
  if (typeof value === 'number' && Number.isInteger(value)) return { type: 'scale', value: { ...empty, scale: value } };
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return { type: 'select_many', value: { ...empty, select_many: value.map((text) => ({ id: null, text })) } };
  }
  return 'value is invalid';
}

function pick(given: Record<string, unknown>): Partial<Record<QuestionType, unknown>> {
  return Object.fromEntries(QUESTION_TYPES.filter((t) => t in given).map((t) => [t, given[t]]));
}
