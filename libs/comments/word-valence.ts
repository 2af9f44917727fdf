// The valence of one word, however it is written: as listed, inflected,
// stretched ("braaa"), inside a compound ("jättebra", "blixtsnabb",
// "kanonservice") or one typo away from a listed word ("fantstisk").
import type { CommentLanguage } from './comment-language.js';
import type { CompiledLexicon } from './sentiment-lexicon.js';
import { stemOf } from './stemmers.js';
import type { Token } from './text-tokens.js';
import { unstretched } from './text-tokens.js';

const INTENSIFIED = 1.5;
const MIN_HEAD = 5;
const MIN_REST = 3;

// Words repeat across comments: a bounded cache keeps compound and typo
// searches to once per distinct word.
const CACHE_LIMIT = 50_000;
const cache: Record<CommentLanguage, Map<string, number>> = { en: new Map(), sv: new Map(), da: new Map() };

/** 0 when the word carries no opinion. */
export function wordValence(token: Token, lexicon: CompiledLexicon, language: CommentLanguage): number {
  const listed = lexicon.words.get(token.norm) ?? ownInflection(token, lexicon) ?? lexicon.stems.get(token.stem);
  if (listed !== undefined) return listed;
  const known = cache[language].get(token.norm);
  if (known !== undefined) return known;
  const value = derived(token.norm, lexicon, language) ?? 0;
  if (cache[language].size >= CACHE_LIMIT) cache[language].clear();
  cache[language].set(token.norm, value);
  return value;
}

function derived(norm: string, lexicon: CompiledLexicon, language: CommentLanguage): number | undefined {
  const plain = unstretched(norm);
  if (plain) {
    const value = lookup(plain, lexicon, language) ?? lookup(norm.replace(/(\p{L})\1{2,}/gu, '$1$1'), lexicon, language);
    if (value !== undefined) return value;
  }
  if (language === 'da') {
    const respelled = danishLetters(norm);
    const value = respelled === null ? undefined : lexicon.words.get(respelled);
    if (value !== undefined && value !== 0) return value;
  }
  return (
    prefixed(norm, lexicon, language) ??
    (language === 'en' ? undefined : compoundHead(norm, lexicon)) ??
    (language === 'da' ? (unPrefixed(norm, lexicon, language) ?? superlative(norm, lexicon, language)) : undefined) ??
    typo(norm, lexicon)
  );
}

// Danes without æ/ø write ae/oe ("hoeflig", "laekkert", "vaerste"). Not folded
// up front, because o+e is also real Danish ("skoene", the shoes): tried only
// for a word that has no valence as written, and only as a word listed whole
// (by stem, "skoene" would become "skøn", beautiful).
function danishLetters(norm: string): string | null {
  return /ae|oe/.test(norm) ? norm.replace(/ae/g, 'a').replace(/oe/g, 'o') : null;
}

// Danish "u-" turns an adjective around ("uinteresseret", "usikker",
// "uoverskuelig"): the rest's valence, reversed and a little weaker.
function unPrefixed(norm: string, lexicon: CompiledLexicon, language: CommentLanguage): number | undefined {
  if (!norm.startsWith('u') || norm.length - 1 < MIN_HEAD + 1) return undefined;
  const rest = lookup(norm.slice(1), lexicon, language);
  return rest === undefined || rest === 0 ? undefined : -Math.sign(rest) * Math.max(2, Math.abs(rest) * 0.8);
}

function ownInflection(token: Token, lexicon: CompiledLexicon): number | undefined {
  return lexicon.ownStems.get(token.stem)?.find((entry) => token.norm.startsWith(entry.word))?.value;
}

function lookup(norm: string, lexicon: CompiledLexicon, language: CommentLanguage): number | undefined {
  return lexicon.words.get(norm) ?? lexicon.stems.get(stemOf(norm, language));
}

// "jättebra", "superhurtigt", "megaslow": a strengthening prefix and a listed
// word; "kanonservice", "skitprodukt": a prefix with an opinion of its own.
function prefixed(norm: string, lexicon: CompiledLexicon, language: CommentLanguage): number | undefined {
  for (const prefix of lexicon.intensifyingPrefixes) {
    if (!norm.startsWith(prefix) || norm.length - prefix.length < MIN_REST) continue;
    const rest = lookup(norm.slice(prefix.length), lexicon, language);
    if (rest !== undefined && rest !== 0) return rest * INTENSIFIED;
  }
  for (const [prefix, value] of lexicon.opinionPrefixes) {
    if (norm.startsWith(prefix) && norm.length - prefix.length >= 4) return value;
  }
  return undefined;
}

// Swedish and Danish write compounds as one word; the last part carries the
// meaning ("kundvänlig", "brugervenlig", "blixtsnabba"). Only this project's
// own entries are trusted as heads: the translated lists hold short words that
// end many unrelated compounds.
function compoundHead(norm: string, lexicon: CompiledLexicon): number | undefined {
  for (let i = MIN_REST; i <= norm.length - MIN_HEAD; i++) {
    const value = lexicon.own.get(norm.slice(i));
    if (value !== undefined) return value;
  }
  return undefined;
}

// One letter missing, extra, swapped or wrong, in a listed word of 6+ letters.
// Danish superlatives of a listed adjective: "dårligste", "hurtigste", "sødeste".
function superlative(norm: string, lexicon: CompiledLexicon, language: CommentLanguage): number | undefined {
  if (!norm.endsWith('ste') || norm.length - 3 < 4) return undefined;
  const base = lookup(norm.slice(0, -3), lexicon, language);
  return base === undefined || base === 0 ? undefined : base * 1.3;
}

// The first letter is kept: people rarely mistype it, and "pakker" is not
// "lækker" nor "hoflig" "uhøflig".
function typo(norm: string, lexicon: CompiledLexicon): number | undefined {
  if (norm.length < 6) return undefined;
  const found = (word: string | undefined) => (word === undefined || word[0] !== norm[0] ? undefined : lexicon.own.get(word));
  const inserted = found(lexicon.oneEditAway.get(norm));
  if (inserted !== undefined) return inserted;
  for (let i = 0; i < norm.length; i++) {
    const deleted = norm.slice(0, i) + norm.slice(i + 1);
    const value = found(lexicon.own.has(deleted) ? deleted : lexicon.oneEditAway.get(deleted));
    if (value !== undefined) return value;
  }
  return undefined;
}
