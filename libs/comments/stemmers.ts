// Snowball stemmers for the three languages, from nlp.js's language packages
// (the same algorithms as snowballstem.org, ~20x faster than the
// snowball-stemmers port when measured here).
import { StemmerDa } from '@nlpjs/lang-da';
import { StemmerEn } from '@nlpjs/lang-en-min';
import { StemmerSv } from '@nlpjs/lang-sv';
import type { CommentLanguage } from './comment-language.js';

const STEMMERS: Record<CommentLanguage, { stemWord(word: string): string }> = {
  en: new StemmerEn(),
  sv: new StemmerSv(),
  da: new StemmerDa(),
};

export function stemOf(lowerWord: string, language: CommentLanguage): string {
  return STEMMERS[language].stemWord(lowerWord);
}
