// One tokenisation for sentiment, themes and suggestions, so a keyword and a
// comment are always cut and folded the same way.
import type { CommentLanguage } from './comment-language.js';
import { stemOf } from './stemmers.js';

export type TokenKind = 'word' | 'number' | 'emoji' | 'emoticon' | 'punct';

export interface Token {
  kind: TokenKind;
  /** Lower-case, as written. */
  lower: string;
  /** Lower-case with diacritics folded (see fold): how people type without å/ä/ö/æ/ø. */
  norm: string;
  /** Snowball stem of `lower`, folded; '' for anything but words. */
  stem: string;
  /** Written in capitals (2+ letters) in a comment that is not all capitals: shouting adds weight. */
  shouted: boolean;
  /** Index in the comment's character string, for examples and highlighting. */
  offset: number;
}

// Words (letters with inner apostrophes), numbers, emoji (with their variation
// selectors and skin tones), classic emoticons, and the punctuation that ends
// a clause. Hyphens split words: "jätte-bra" is "jätte" + "bra", "e-post" is a
// two-word phrase on both sides.
const TOKEN =
  /(?<emoticon>[:;=]-?[()DPp\][]|<3|\(:)|(?<word>\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)*)|(?<number>\p{N}+)|(?<emoji>\p{Extended_Pictographic}(?:\uFE0F|\p{EMod}|\u200D\p{Extended_Pictographic})*)|(?<punct>[!?.,;:/]+)/gu;

/**
 * Folds what people leave out when their keyboard lacks the letters: å/ä/æ → a,
 * ö/ø → o, accents dropped; in sv/da also the old spelling aa for å. Not ae/oe:
 * Danish writes o+e in real words ("skoene", the shoes).
 * Applied to lexicons and keywords as well as to comments, so both sides meet.
 */
export function fold(lower: string, language: CommentLanguage): string {
  let folded = lower.normalize('NFD').replace(/\p{M}/gu, '');
  if (language === 'en') return folded;
  // Stretched letters first ("braaaa"), or the aa → a fold below would leave a double.
  folded = folded
    .replace(/æ/g, 'a')
    .replace(/ø/g, 'o')
    .replace(/(\p{L})\1{2,}/gu, '$1');
  return folded.includes('aa') ? folded.replace(/aa/g, 'a') : folded;
}

export function tokenize(text: string, language: CommentLanguage): Token[] {
  const tokens: Token[] = [];
  const lettersOnly = text.replace(/[^\p{L}]/gu, '');
  const allCaps = lettersOnly.length > 0 && lettersOnly === lettersOnly.toUpperCase();
  for (const match of text.normalize('NFC').matchAll(TOKEN)) {
    const groups = match.groups!;
    const kind: TokenKind = groups.word
      ? 'word'
      : groups.number
        ? 'number'
        : groups.emoji
          ? 'emoji'
          : groups.emoticon
            ? 'emoticon'
            : 'punct';
    const raw = match[0];
    const lower = kind === 'emoticon' ? raw : raw.toLowerCase().replace(/’/g, "'");
    const isWord = kind === 'word';
    tokens.push({
      kind,
      lower,
      norm: isWord ? fold(lower, language) : kind === 'emoji' ? baseEmoji(raw) : lower,
      stem: isWord ? fold(stemOf(lower, language), language) : '',
      shouted: isWord && !allCaps && raw.length >= 2 && /\p{Lu}/u.test(raw) && raw === raw.toUpperCase(),
      offset: match.index,
    });
  }
  return tokens;
}

// 👍🏽 and 👍 are the same opinion; ❤️ and ❤ the same heart.
function baseEmoji(emoji: string): string {
  return emoji.replace(/\uFE0F|\p{EMod}/gu, '');
}

/** Letters repeated for emphasis ("sooo", "braaaa"): the word with runs of 3+ cut to one letter. */
export function unstretched(norm: string): string | null {
  return /(\p{L})\1\1/u.test(norm) ? norm.replace(/(\p{L})\1{2,}/gu, '$1') : null;
}
