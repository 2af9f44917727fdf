// Sentiment of one comment: valences from the lexicon, then the rules word
// lists lack — negation, intensifiers, contrast, concession, shouting,
// exclamation marks, emoji — summed and squashed to −1..1 (VADER's
// normalisation: score = s / √(s² + 15)).
import type { CommentLanguage } from './comment-language.js';
import { type CompiledLexicon, type Phrase, lexiconOf } from './sentiment-lexicon.js';
import { EMOJI } from './sentiment-rules.js';
import {
  AT_ALL,
  emphatic,
  endsClause,
  isNegator,
  negatedAfter,
  negatedBefore,
  negatorAfter,
  neitherRange,
  phraseScopes,
  remedied,
} from './negation-scope.js';
import { type Token, tokenize } from './text-tokens.js';
import { wordValence } from './word-valence.js';

export type SentimentLabel = 'positive' | 'neutral' | 'negative';
export interface Sentiment {
  score: number;
  label: SentimentLabel;
}

/** |score| at or above this is an opinion; below it the comment is neutral. */
export const LABEL_THRESHOLD = 0.15;
const NORMALISER = 15;
const MODIFIER_REACH = 2;
const INTENSIFIER = 1.5;
const DOWNTONER = 0.6;
// "not great" is clearly negative; "not bad" is only mildly positive.
const NEGATED_POSITIVE = -0.75;
const NEGATED_NEGATIVE = -0.5;
const NEGATED_EXPECTATION = -2;
// "løste problemet": the problem is what was put right.
const REMEDIED = -0.75;
const SHOUTED = 1.5;
const EXCLAMATION = 0.3;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
const CONCEDED = 0.5;
// "how long does a refund take?": words in a question are asked about, not felt (a "why" question is a complaint).
const ASKED = 0.3;
const SARCASTIC_EMOJI = new Set(['🙃', '🙄']);

export function analyseSentiment(text: string, language: CommentLanguage): Sentiment {
  return sentimentOfTokens(tokenize(text, language), language);
}

export function sentimentOfTokens(tokens: Token[], language: CommentLanguage): Sentiment {
  const lexicon = lexiconOf(language);
  const parts: Array<{ at: number; value: number }> = [];
  const usedNegators = new Set<number>();
  const request = tokens.some((t) => t.kind === 'word' && lexicon.requests.has(t.norm));
  // "kunde varit snabbare": its own words are no opinion, the few after it were wished for
  const wished = phraseScopes(tokens, lexicon.counterfactuals, MODIFIER_REACH + 1);
  const unsurpassed = phraseScopes(tokens, lexicon.unsurpassed, 1);
  const balanced = neitherRange(tokens, lexicon);
  const sarcastic = tokens.some(
    (t, i) => SARCASTIC_EMOJI.has(t.norm) || lexicon.sarcasm.some((s) => s.words.every((w, k) => tokens[i + k]?.norm === w)),
  );
  const asked = questionRanges(tokens, lexicon);
  let exclamations = 0;
  let lastContrast = -1;
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i];
    if (token.kind === 'punct') {
      exclamations += (token.lower.match(/!/g) ?? []).length;
      i++;
      continue;
    }
    if (token.kind !== 'word' && token.kind !== 'number') {
      const value = EMOJI[token.norm] ?? EMOJI[token.lower];
      if (value) parts.push({ at: i, value });
      i++;
      continue;
    }
    if (lexicon.contrasts.has(token.norm) && i > 0 && !endsClause(tokens, i + 1)) lastContrast = i;
    const rating = ratingAt(tokens, i, lexicon);
    if (rating) {
      parts.push({ at: i, value: rating.value });
      i += rating.span;
      continue;
    }
    if ((request && lexicon.courtesies.has(token.norm)) || wished.inside.has(i) || unsurpassed.inside.has(i) || balanced.has(i)) {
      i++;
      continue;
    }
    const phrase = phraseAt(tokens, i, lexicon);
    const span = phrase ? phrase.words.length : 1;
    let value = phrase ? phrase.value : ownValence(tokens, i, lexicon, language);
    if (value !== 0) {
      value *= modifierBefore(tokens, i, lexicon);
      const negator = negatedBefore(tokens, i, lexicon);
      // "løste ikke problemet", "hjalp ikke meget": the negator right after an expected verb is the verb's
      const verbNegator =
        negator < 0 && value > 0 && language !== 'en' && lexicon.expected.has(token.stem)
          ? negatorAfter(tokens, i, lexicon, usedNegators)
          : -1;
      if (unsurpassed.after.has(i)) value *= INTENSIFIER;
      else if (value < 0 && negator < 0 && remedied(tokens, i, lexicon)) value *= REMEDIED;
      else if (verbNegator >= 0) {
        usedNegators.add(verbNegator);
        value = NEGATED_EXPECTATION;
      } else if (negator >= 0 || (language !== 'en' && negatedAfter(tokens, i + span, lexicon))) {
        value *= value > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE;
        if (negator > 0 && emphatic(tokens, negator, lexicon)) value *= 1.3;
        // "could not solve", "didn't help": a promise broken weighs more than the verb's mild valence.
        if (lexicon.expected.has(token.stem)) value = Math.min(value, NEGATED_EXPECTATION);
        if (AT_ALL.has(tokens[i + span]?.norm) || (tokens[i + span]?.norm === 'at' && tokens[i + span + 1]?.norm === 'all')) value *= 1.3;
      }
      if (value > 0 && (wished.after.has(i) || sarcastic)) value *= NEGATED_POSITIVE;
      if (asked.has(i)) value *= ASKED;
      if (token.shouted) value *= SHOUTED;
      parts.push({ at: i, value });
    } else if (!phrase && lexicon.expected.has(token.stem)) {
      const negator = negatedBefore(tokens, i, lexicon, usedNegators);
      const after = language !== 'en' ? negatorAfter(tokens, i, lexicon, usedNegators) : -1;
      const used = negator >= 0 ? negator : after;
      if (used >= 0) {
        usedNegators.add(used);
        parts.push({ at: i, value: NEGATED_EXPECTATION });
      }
    }
    i += span;
  }
  const conceded = concededRanges(tokens, lexicon);
  let sum = 0;
  for (const { at, value } of parts) {
    let weight = lastContrast < 0 ? 1 : at < lastContrast ? BEFORE_CONTRAST : AFTER_CONTRAST;
    if (conceded.some(([from, to]) => at >= from && at < to)) weight *= CONCEDED;
    sum += value * weight;
  }
  if (sum !== 0) sum += Math.sign(sum) * Math.min(exclamations, 4) * EXCLAMATION;
  const score = Math.round((sum / Math.sqrt(sum * sum + NORMALISER)) * 1000) / 1000;
  return { score: score === 0 ? 0 : score, label: labelOf(score) };
}

// Negators are rules, not opinions (AFINN rates "no" −1); an intensifier that
// is also an opinion ("super", "kanon") is one only when nothing follows for it to strengthen.
function ownValence(tokens: Token[], i: number, lexicon: CompiledLexicon, language: CommentLanguage): number {
  const token = tokens[i];
  if (isNegator(tokens, i, lexicon)) return 0;
  const value = wordValence(token, lexicon, language);
  // "at ringe" (to call) is not "ringe" (poor): after an infinitive marker an expected verb has no opinion.
  if (value < 0 && i > 0 && lexicon.infinitiveMarkers.has(tokens[i - 1].norm) && lexicon.expected.has(token.stem)) return 0;
  if (value === 0 || !lexicon.intensifiers.has(token.norm)) return value;
  const next = tokens[i + 1];
  return next?.kind === 'word' && wordValence(next, lexicon, language) !== 0 ? 0 : value;
}

export function labelOf(score: number): SentimentLabel {
  return score >= LABEL_THRESHOLD ? 'positive' : score <= -LABEL_THRESHOLD ? 'negative' : 'neutral';
}

// "10/10", "2/5", "5 stars", "1 stjärna": a grade out of a scale, centred on its middle.
function ratingAt(tokens: Token[], i: number, lexicon: CompiledLexicon): { value: number; span: number } | undefined {
  const token = tokens[i];
  if (token.kind !== 'number') return undefined;
  const grade = Number(token.norm);
  const slash = tokens[i + 1]?.norm === '/' && tokens[i + 2]?.kind === 'number';
  const scale = slash ? Number(tokens[i + 2].norm) : lexicon.stars.has(tokens[i + 1]?.norm ?? '') ? 5 : 0;
  if (!(scale === 5 || scale === 10) || grade > scale) return undefined;
  // −4 at the bottom of the scale, 0 at its middle (3 of 5, 5.5 of 10), +4 at the top
  const value = scale === 5 ? (grade - 3) * 2 : Math.max(-4, (grade - 5.5) * 0.9);
  return { value, span: slash ? 3 : 2 };
}

function phraseAt(tokens: Token[], i: number, lexicon: CompiledLexicon): Phrase | undefined {
  return lexicon.phrases.get(tokens[i].norm)?.find((phrase) => phrase.words.every((word, k) => tokens[i + k]?.norm === word));
}

/** Product of the intensifiers and softeners just before the word. */
function modifierBefore(tokens: Token[], i: number, lexicon: CompiledLexicon): number {
  let factor = 1;
  for (let k = i - 1; k >= Math.max(0, i - MODIFIER_REACH); k--) {
    const t = tokens[k];
    if (t.kind !== 'word' || lexicon.contrasts.has(t.norm)) break;
    if (lexicon.intensifiers.has(t.norm)) factor *= INTENSIFIER;
    else if (lexicon.downtoners.has(t.norm)) factor *= DOWNTONER;
  }
  return factor;
}

/** Indexes of the words of sentences that end in "?" and do not open with "why"/"varför"/"hvorfor". */
function questionRanges(tokens: Token[], lexicon: CompiledLexicon): Set<number> {
  const asked = new Set<number>();
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'punct' || !/[.!?]/.test(t.lower)) continue;
    const complaint = tokens
      .slice(start, i)
      .some((w) => w.kind === 'word' && lexicon.words.get(w.norm) === -1 && /^(why|varfor|hvorfor)$/.test(w.norm));
    if (t.lower.includes('?') && !complaint) for (let k = start; k < i; k++) asked.add(k);
    start = i + 1;
  }
  return asked;
}

/** Token ranges [from, to) of conceded clauses: from "although"/"även om"/"selvom" to the clause's end. */
function concededRanges(tokens: Token[], lexicon: CompiledLexicon): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < tokens.length; i++) {
    const concession = lexicon.concessions.find((c) => c.words.every((word, k) => tokens[i + k]?.norm === word));
    if (!concession) continue;
    let end = i + concession.words.length;
    while (end < tokens.length && tokens[end].kind !== 'punct') end++;
    ranges.push([i, end]);
    i = end;
  }
  return ranges;
}
