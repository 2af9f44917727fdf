// Suggestions for new themes: words and two-word phrases that recur in
// comments but that no theme covers, so a manager can turn them into a theme.
// Counted once per comment, by stem (so "kassören"/"kassörskan" are not split
// by inflection), shown in the form written most often. Stopwords, words of
// opinion (the sentiment lexicon: "bra", "great") and numbers are left out:
// they recur everywhere and name no topic.
import stopwordLists from 'stopwords-iso/stopwords-iso.json';
import { type CommentLanguage, COMMENT_LANGUAGES } from './comment-language.js';
import { detectLanguage } from './language-detector.js';
import { lexiconOf } from './sentiment-lexicon.js';
import { type Token, fold, tokenize } from './text-tokens.js';
import type { ThemeMatcher } from './theme-matcher.js';

export interface SuggestionInput {
  text: string;
  language?: CommentLanguage | null;
}

export interface ThemeSuggestion {
  /** The word or phrase as most often written. */
  phrase: string;
  /** Stem key, e.g. "kassor" or "kass kö": stable across inflections. */
  key: string;
  language: CommentLanguage;
  /** Number of comments it occurs in. */
  count: number;
  /** Up to three comments that contain it. */
  examples: string[];
}

export interface SuggestionOptions {
  /** Least number of comments a suggestion must occur in (default 3). */
  minCount?: number;
  /** Most suggestions returned (default 20). */
  limit?: number;
}

const EXAMPLES = 3;
const STOPWORDS: Record<CommentLanguage, Set<string>> = Object.fromEntries(
  COMMENT_LANGUAGES.map((language) => [language, new Set(stopwordLists[language].map((word) => fold(word, language)))]),
) as Record<CommentLanguage, Set<string>>;

interface Tally {
  language: CommentLanguage;
  count: number;
  forms: Map<string, number>;
  examples: string[];
}

export function suggestThemes(
  comments: Iterable<SuggestionInput>,
  matcher: ThemeMatcher,
  options: SuggestionOptions = {},
): ThemeSuggestion[] {
  const minCount = options.minCount ?? 3;
  const tallies = new Map<string, Tally>();
  for (const comment of comments) {
    const language = comment.language ?? detectLanguage(comment.text);
    const tokens = tokenize(comment.text, language);
    const covered = new Set<number>();
    for (const mention of matcher.mentionsOf(tokens, language)) {
      tokens.forEach((token, i) => {
        if (token.offset >= mention.start && token.offset < mention.end) covered.add(i);
      });
    }
    const seen = new Set<string>();
    const count = (key: string, form: string) => {
      const id = `${language}:${key}`;
      if (seen.has(id)) return;
      seen.add(id);
      const tally: Tally = tallies.get(id) ?? { language, count: 0, forms: new Map(), examples: [] };
      tally.count++;
      tally.forms.set(form, (tally.forms.get(form) ?? 0) + 1);
      if (tally.examples.length < EXAMPLES) tally.examples.push(comment.text);
      tallies.set(id, tally);
    };
    for (let i = 0; i < tokens.length; i++) {
      if (!isTopical(tokens[i], language) || covered.has(i)) continue;
      count(tokens[i].stem, tokens[i].lower);
      const next = tokens[i + 1];
      if (next && isTopical(next, language) && !covered.has(i + 1))
        count(`${tokens[i].stem} ${next.stem}`, `${tokens[i].lower} ${next.lower}`);
    }
  }
  const frequent = [...tallies.entries()].filter(([, tally]) => tally.count >= minCount);
  // A word that only ever occurs inside one of its phrases adds nothing beside the phrase.
  const phraseCounts = new Map<string, number>();
  for (const [id, tally] of frequent) {
    if (!id.includes(' ')) continue;
    const [lang, phrase] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
    for (const part of phrase.split(' ')) {
      const wordId = `${lang}:${part}`;
      phraseCounts.set(wordId, Math.max(phraseCounts.get(wordId) ?? 0, tally.count));
    }
  }
  return frequent
    .filter(([id, tally]) => (phraseCounts.get(id) ?? 0) < tally.count)
    .map(([id, tally]) => ({
      phrase: [...tally.forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0],
      key: id.slice(id.indexOf(':') + 1),
      language: tally.language,
      count: tally.count,
      examples: tally.examples,
    }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, options.limit ?? 20);
}

function isTopical(token: Token, language: CommentLanguage): boolean {
  if (token.kind !== 'word' || token.norm.length < 3 || /^\p{N}+$/u.test(token.norm)) return false;
  if (STOPWORDS[language].has(token.norm)) return false;
  const lexicon = lexiconOf(language);
  return !(
    lexicon.words.has(token.norm) ||
    lexicon.stems.has(token.stem) ||
    lexicon.negators.has(token.norm) ||
    lexicon.intensifiers.has(token.norm) ||
    lexicon.downtoners.has(token.norm) ||
    lexicon.expected.has(token.norm)
  );
}
