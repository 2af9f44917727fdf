// Where a negation reaches, for the sentiment analyser: which words negate
// ("ikke", and "knap så" together, but not "uden tvivl"), how far before and
// after an opinion word they turn it, and the spans where a negation says
// something else ("hverken godt eller dårligt", "kunne ikke være mere tilfreds").
import type { CompiledLexicon, Phrase } from './sentiment-lexicon.js';
import type { Token } from './text-tokens.js';

const NEGATION_REACH = 3;
// "inte bra alls", "not good at all": the negation is emphatic.
export const AT_ALL = new Set(['alls', 'overhovedet', 'whatsoever', 'heller']);

/** Whether the word at k negates: a negator not followed by what makes it something else, or a negating pair. */
export function isNegator(tokens: Token[], k: number, lexicon: CompiledLexicon): boolean {
  const norm = tokens[k].norm;
  const negator = lexicon.negators.has(norm);
  // the pair is spelled out only for the few words that begin one
  if (!negator && !lexicon.pairStarts.has(norm)) return false;
  const next = tokens[k + 1]?.kind === 'word' ? `${norm} ${tokens[k + 1].norm}` : '';
  return negator ? !lexicon.notNegating.has(next) : lexicon.negatorPairs.has(next);
}

/** "slet ikke": a word before the negator at k that makes it emphatic. */
export function emphatic(tokens: Token[], k: number, lexicon: CompiledLexicon): boolean {
  return k > 0 && lexicon.emphaticNegation.has(tokens[k - 1].norm);
}

export function endsClause(tokens: Token[], i: number): boolean {
  return i >= tokens.length || tokens[i].kind === 'punct';
}

/** Index of a negator within reach before the word, in the same clause; −1 when none. */
export function negatedBefore(tokens: Token[], i: number, lexicon: CompiledLexicon, used?: Set<number>): number {
  for (let k = i - 1; k >= Math.max(0, i - NEGATION_REACH); k--) {
    const t = tokens[k];
    if (t.kind !== 'word' || lexicon.contrasts.has(t.norm)) return -1;
    if (isNegator(tokens, k, lexicon) && !used?.has(k)) return k;
  }
  return -1;
}

// Swedish and Danish put the negation after the verb and can front the
// adjective: "bra var det inte", "godt var det ikke". A negator that closes
// the clause within reach after an opinion word turns it.
export function negatedAfter(tokens: Token[], from: number, lexicon: CompiledLexicon): boolean {
  for (let k = from; k < Math.min(tokens.length, from + NEGATION_REACH); k++) {
    const t = tokens[k];
    if (t.kind !== 'word' || lexicon.contrasts.has(t.norm)) return false;
    if (lexicon.negators.has(t.norm)) return endsClause(tokens, k + 1) || AT_ALL.has(tokens[k + 1].norm);
  }
  return false;
}

// "paketet kom inte", "virker ikke", "svarade aldrig": right after the verb.
export function negatorAfter(tokens: Token[], i: number, lexicon: CompiledLexicon, used: Set<number>): number {
  for (let k = i + 1; k <= Math.min(tokens.length - 1, i + 2); k++) {
    const t = tokens[k];
    if (t.kind !== 'word') return -1;
    if (lexicon.negators.has(t.norm) && !used.has(k)) return k;
  }
  return -1;
}

/** Indexes of the words of each matched phrase ("kunne være", "kunne ikke være mere") and of the `reach` words after it. */
export function phraseScopes(tokens: Token[], phrases: Phrase[], reach: number): { after: Set<number>; inside: Set<number> } {
  const scope = { after: new Set<number>(), inside: new Set<number>() };
  if (phrases.length === 0) return scope;
  for (let i = 0; i < tokens.length; i++) {
    const phrase = phrases.find((p) => p.words.every((word, k) => tokens[i + k]?.norm === word));
    if (!phrase) continue;
    const end = i + phrase.words.length;
    for (let k = i; k < end; k++) scope.inside.add(k);
    for (let k = end; k < Math.min(tokens.length, end + reach) && tokens[k].kind === 'word'; k++) scope.after.add(k);
  }
  return scope;
}

/** Indexes from "hverken"/"neither" to the word after "eller"/"nor" in its clause: weighed against each other, they say nothing. */
export function neitherRange(tokens: Token[], lexicon: CompiledLexicon): Set<number> {
  const range = new Set<number>();
  if (!lexicon.neither) return range;
  const [neither, nor] = lexicon.neither;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].norm !== neither) continue;
    let k = i + 1;
    while (k < tokens.length && tokens[k].kind === 'word' && tokens[k].norm !== nor) k++;
    if (tokens[k]?.norm !== nor) continue;
    for (let end = Math.min(tokens.length, k + 2); i < end && tokens[i].kind === 'word'; i++) range.add(i);
  }
  return range;
}

/** "løste problemet", "fikset fejlen": a remedy verb just before a complaint word, with no negator between. */
export function remedied(tokens: Token[], i: number, lexicon: CompiledLexicon): boolean {
  if (lexicon.remedies.size === 0) return false;
  for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
    const t = tokens[k];
    if (t.kind !== 'word' || isNegator(tokens, k, lexicon)) return false;
    if (lexicon.remedies.has(t.norm)) return true;
  }
  return false;
}
