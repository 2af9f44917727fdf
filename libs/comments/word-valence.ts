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
  return prefixed(norm, lexicon, language) ?? (language === 'en' ? undefined : compoundHead(norm, lexicon)) ?? typo(norm, lexicon);
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
function typo(norm: string, lexicon: CompiledLexicon): number | undefined {
  if (norm.length < 6) return undefined;
  const found = (word: string | undefined) => (word === undefined ? undefined : lexicon.own.get(word));
  const inserted = found(lexicon.oneEditAway.get(norm));
  if (inserted !== undefined) return inserted;
  for (let i = 0; i < norm.length; i++) {
    const deleted = norm.slice(0, i) + norm.slice(i + 1);
    const value = found(lexicon.own.has(deleted) ? deleted : lexicon.oneEditAway.get(deleted));
    if (value !== undefined) return value;
  }
  return undefined;
}
