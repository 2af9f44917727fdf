// Finds which themes a comment mentions. A keyword matches its word in any
// inflection (by Snowball stem, or by the language's endings: "kassa" →
// "kassan", "bud" → "budet"), and in Swedish and Danish as a part of a
// compound: first part ("leveringstiden", "returfraktsedeln") or last part
// ("kundtjänsten" ← "tjänst" is not needed: "kundtjänst" + "en"). Keywords of
// 5+ letters only, so "pris" does not find "prisma". Multi-word keywords
// ("pick-up point", "logga in") match consecutive words by stem.
import type { CommentLanguage } from './comment-language.js';
import { type Token, tokenize } from './text-tokens.js';
import type { ThemeDefinition } from './theme-definition.js';

const COMPOUND_PART = 5;
const MIN_REST = 3;
const MIN_STEM = 5;

// Inflectional endings a keyword may carry (after folding), longest first.
const ENDINGS: Record<CommentLanguage, string[]> = {
  en: ["'s", 'est', 'es', 's', 'ed', 'd', 'ing'],
  sv: [
    'ernas',
    'arnas',
    'ornas',
    'erna',
    'arna',
    'orna',
    'ens',
    'ets',
    'ade',
    'are',
    'na',
    'en',
    'et',
    'er',
    'ar',
    'or',
    'de',
    'te',
    'at',
    'n',
    't',
    'a',
    's',
    'e',
  ],
  da: ['ernes', 'erne', 'ene', 'ens', 'ets', 'ede', 'ere', 'en', 'et', 'er', 'ne', 'te', 'de', 'n', 't', 'e', 's', 'r'],
};

export interface ThemeMention {
  theme: string;
  /** Character range in the comment (after Unicode NFC normalisation). */
  start: number;
  end: number;
}

interface PhraseKeyword {
  stems: string[];
  themes: string[];
}

interface LanguageIndex {
  words: Map<string, Set<string>>;
  stems: Map<string, Set<string>>;
  /** Folded keywords long enough to be found inside compounds. */
  parts: Map<string, Set<string>>;
  phrases: Map<string, PhraseKeyword[]>;
  /** Themes found per distinct folded word: comments repeat their words. */
  cache: Map<string, readonly string[]>;
}

/** Themes prepared for matching; build once per set of themes and reuse for many comments. */
export class ThemeMatcher {
  private readonly indexes = new Map<CommentLanguage, LanguageIndex>();

  constructor(readonly themes: readonly ThemeDefinition[]) {}

  /** Theme keys the comment mentions, in the order of the theme list. */
  themesOf(tokens: Token[], language: CommentLanguage): string[] {
    const found = new Set(this.mentionsOf(tokens, language).map((mention) => mention.theme));
    return this.themes.map((theme) => theme.key).filter((key) => found.has(key));
  }

  /** Where each theme is mentioned in the text (character ranges), for highlighting. */
  mentionsIn(text: string, language: CommentLanguage): ThemeMention[] {
    return this.mentionsOf(tokenize(text, language), language);
  }

  mentionsOf(tokens: Token[], language: CommentLanguage): ThemeMention[] {
    const index = this.indexFor(language);
    const mentions: ThemeMention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.kind !== 'word') continue;
      for (const phrase of index.phrases.get(token.stem) ?? []) {
        if (!phrase.stems.every((stem, k) => tokens[i + k]?.kind === 'word' && tokens[i + k].stem === stem)) continue;
        const last = tokens[i + phrase.stems.length - 1];
        for (const theme of phrase.themes) mentions.push({ theme, start: token.offset, end: last.offset + last.lower.length });
      }
      for (const theme of this.wordThemes(token, language, index)) {
        mentions.push({ theme, start: token.offset, end: token.offset + token.lower.length });
      }
    }
    return mentions;
  }

  private wordThemes(token: Token, language: CommentLanguage, index: LanguageIndex): readonly string[] {
    const cached = index.cache.get(token.norm);
    if (cached) return cached;
    const themes = [
      ...(index.words.get(token.norm) ??
        index.stems.get(token.stem) ??
        this.inflected(token.norm, language, index) ??
        (language === 'en' ? [] : this.compound(token.norm, language, index))),
    ];
    if (index.cache.size > 50_000) index.cache.clear();
    index.cache.set(token.norm, themes);
    return themes;
  }

  private inflected(norm: string, language: CommentLanguage, index: LanguageIndex): Set<string> | undefined {
    for (const ending of ENDINGS[language]) {
      if (norm.length - ending.length >= 2 && norm.endsWith(ending)) {
        const themes = index.words.get(norm.slice(0, -ending.length));
        if (themes) return themes;
      }
    }
    return undefined;
  }

  // The longest keyword that is the first or the last part of the compound.
  private compound(norm: string, language: CommentLanguage, index: LanguageIndex): Set<string> {
    for (let length = norm.length - 1; length >= COMPOUND_PART; length--) {
      const first = norm.length - length >= MIN_REST ? index.parts.get(norm.slice(0, length)) : undefined;
      if (first) return first;
      const lastPart = norm.slice(norm.length - length);
      if (norm.length - length >= MIN_REST) {
        const last = index.parts.get(lastPart) ?? this.inflectedPart(lastPart, language, index);
        if (last) return last;
      }
    }
    return new Set();
  }

  private inflectedPart(part: string, language: CommentLanguage, index: LanguageIndex): Set<string> | undefined {
    for (const ending of ENDINGS[language]) {
      if (part.length - ending.length >= COMPOUND_PART && part.endsWith(ending)) {
        const themes = index.parts.get(part.slice(0, -ending.length));
        if (themes) return themes;
      }
    }
    return undefined;
  }

  private indexFor(language: CommentLanguage): LanguageIndex {
    let index = this.indexes.get(language);
    if (index) return index;
    index = { words: new Map(), stems: new Map(), parts: new Map(), phrases: new Map(), cache: new Map() };
    const add = (map: Map<string, Set<string>>, key: string, theme: string) => map.set(key, (map.get(key) ?? new Set()).add(theme));
    for (const theme of this.themes) {
      for (const keyword of theme.keywords[language] ?? []) {
        const words = tokenize(keyword, language).filter((token) => token.kind === 'word');
        if (words.length === 0) continue;
        if (words.length > 1) {
          const list = index.phrases.get(words[0].stem) ?? [];
          const existing = list.find((p) => p.stems.join(' ') === words.map((w) => w.stem).join(' '));
          if (existing) existing.themes.push(theme.key);
          else list.push({ stems: words.map((w) => w.stem), themes: [theme.key] });
          index.phrases.set(words[0].stem, list);
          continue;
        }
        const [word] = words;
        add(index.words, word.norm, theme.key);
        // Short stems collide with common words (Danish "varen" stems to "var", "was"; "kortet" and "kortere" to "kort").
        if (word.stem.length >= MIN_STEM) add(index.stems, word.stem, theme.key);
        if (word.norm.length >= COMPOUND_PART) add(index.parts, word.norm, theme.key);
      }
    }
    this.indexes.set(language, index);
    return index;
  }
}

export function themesIn(text: string, language: CommentLanguage, matcher: ThemeMatcher): string[] {
  return matcher.themesOf(tokenize(text, language), language);
}
