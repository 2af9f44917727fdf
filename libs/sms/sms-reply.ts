/** Words that stop texts, in every case: English, Swedish, Danish, and the carriers' UNSUBSCRIBE. */
const STOP_WORDS = new Set(['STOP', 'STOPP', 'AFMELD', 'UNSUBSCRIBE']);

export type SmsReply = { kind: 'stop' } | { kind: 'answer'; score: number; comment: string | null } | { kind: 'text'; text: string };

const MAX_COMMENT = 2000;

/**
 * What a reply says. "STOP" (any case, punctuation around it ignored) opts out; a reply that starts with a whole
 * number ("9", "9!", "9 fast delivery") is an answer, with the rest as its comment; anything else is text, which
 * becomes the comment of an answer already given.
 */
export function parseSmsReply(body: string): SmsReply {
  const text = body.replace(/\s+/g, ' ').trim().slice(0, MAX_COMMENT);
  const word = text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').toUpperCase();
  if (STOP_WORDS.has(word)) return { kind: 'stop' };
  const numbered = /^(\d{1,2})(?![\d.,]\d)(?:[\s.,:;!)-]+(.*))?$/su.exec(text);
  if (numbered) return { kind: 'answer', score: Number(numbered[1]), comment: numbered[2]?.trim() || null };
  return { kind: 'text', text };
}
