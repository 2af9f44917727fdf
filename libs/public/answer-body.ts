import { BadRequestException } from '@nestjs/common';
import type { AnswerInput } from '@cairn/responses';

export const MAX_COMMENT = 2000;

/**
 * Reads { score, comment?, settle? } from a JSON or form body (settle: false = a step
 * the page saves while the person is still choosing). Other fields are
 * ignored: a plain HTML form may send its button. The score's range is checked
 * later, against the survey's metric.
 */
export function parseAnswerBody(body: unknown): AnswerInput {
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const raw = fields.score;
  const score = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,3}$/.test(raw.trim()) ? Number(raw) : NaN;
  if (raw === undefined || raw === '') throw new BadRequestException('score is required');
  if (!Number.isInteger(score)) throw new BadRequestException('score must be a whole number');
  const comment = fields.comment;
  if (comment !== undefined && comment !== null && typeof comment !== 'string') {
    throw new BadRequestException('comment must be text');
  }
  const text = typeof comment === 'string' ? comment.trim() : comment;
  if (typeof text === 'string' && text.length > MAX_COMMENT) {
    throw new BadRequestException(`comment must be at most ${MAX_COMMENT} characters`);
  }
  return { score, comment: text === undefined ? undefined : text || null, ...(isFalse(fields.settle) ? { settle: false } : {}) };
}

/** `provisional: true`: the page's report that a person saw it with this score (a click), not an answer yet. */
export function isClick(body: unknown): boolean {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>).provisional : undefined;
  return value === true || value === 'true';
}

function isFalse(value: unknown): boolean {
  return value === false || value === 'false';
}
