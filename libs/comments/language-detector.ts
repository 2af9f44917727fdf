// Which of en/sv/da a comment is written in, when its response has no locale.
// Short comments defeat character-trigram guessers (sv and da share most
// trigrams), so this counts words that only one of the three uses, plus the
// letters only Swedish (ä, ö) or Danish (æ, ø) has.
import { type CommentLanguage, COMMENT_LANGUAGES } from './comment-language.js';
import { DA_LEXICON } from './sentiment-lexicon.da.js';
import { EN_LEXICON } from './sentiment-lexicon.en.js';
import { SV_LEXICON } from './sentiment-lexicon.sv.js';

const OWN_LEXICONS: Record<CommentLanguage, Record<string, number>> = { en: EN_LEXICON, sv: SV_LEXICON, da: DA_LEXICON };

// prettier-ignore
const MARKERS: Record<CommentLanguage, string[]> = {
  en: [
    'the', 'and', 'is', 'was', 'were', 'it', 'to', 'of', 'my', 'i', 'you', 'very', 'good', 'great', 'not', 'but',
    'with', 'this', 'that', 'they', 'have', 'had', 'no', 'delivery', 'service', 'order', 'would', 'could', 'quick',
    'fast', 'slow', 'thanks', 'thank', 'nice', 'bad', 'really', 'too', 'product', 'easy', 'staff', 'be', 'are', 'on',
    'for', 'at', 'never', 'again', 'did', "didn't", 'dont', "don't", 'what', 'from', 'so', 'all', 'just', 'get', 'got',
  ],
  sv: [
    'och', 'är', 'inte', 'jag', 'mycket', 'för', 'bra', 'också', 'något', 'hade', 'fick', 'kunde', 'väldigt', 'jätte',
    'tack', 'dålig', 'dåligt', 'snabbt', 'snabb', 'leveransen', 'leverans', 'paketet', 'inget', 'inga', 'vad', 'hur',
    'när', 'mitt', 'mig', 'det', 'att', 'av', 'ni', 'men', 'ingen', 'var', 'bättre', 'tyvärr', 'varför', 'också',
    'från', 'skulle', 'ska', 'kom', 'blev', 'sen', 'lite', 'helt', 'alls', 'än', 'hela', 'nöjd', 'trevlig',
    'kundtjänst', 'priset', 'beställde', 'beställning', 'varan', 'köpa', 'aldrig', 'mer', 'fungerade', 'funkar', 'tog',
    'veckor', 'dagar', 'hem',
  ],
  da: [
    'og', 'ikke', 'jeg', 'meget', 'af', 'godt', 'hurtig', 'hurtigt', 'pakke', 'pakken', 'levering', 'leveringen',
    'tak', 'fik', 'havde', 'kunne', 'også', 'noget', 'dårlig', 'dårligt', 'rigtig', 'være', 'været', 'hvad', 'hvor',
    'når', 'ud', 'mit', 'lidt', 'virkelig', 'kun', 'jer', 'desværre', 'hvorfor', 'fra', 'skulle', 'skal', 'vildt',
    'helt', 'bedre', 'tilfreds', 'venlig', 'kundeservice', 'prisen', 'bestilte', 'bestilling', 'varen', 'købe',
    'aldrig', 'mere', 'virker', 'tog', 'uger', 'dage', 'hjem', 'der', 'til', 'men', 'er', 'det', 'at', 'jeres', 'pga',
    'for', 'var', 'ingen', 'blev', 'fint', 'super', 'efter', 'siden', 'nu',
  ],
};

// Word beginnings only one language uses, for compounds and inflections ("leveringstiden", "kundtjänsten").
const STEMS: Array<[RegExp, CommentLanguage]> = [
  [/^(levering|pakke|kundeservice|tilfreds|bestil|hurtig|darlig|venlig|skuffe|modtag|forsink)/, 'da'],
  [/^(leverans|paket|kundtj|nojd|bestall|snabb|dalig|trevlig|besvik|forsen|krang)/, 'sv'],
  [/(tion|ness|ment|ing|ed|ly)$/, 'en'],
];

const WEIGHTS = new Map<string, Partial<Record<CommentLanguage, number>>>();
for (const [language, words] of Object.entries(MARKERS) as Array<[CommentLanguage, string[]]>) {
  for (const word of words) {
    WEIGHTS.set(word, { ...WEIGHTS.get(word), [language]: 1 });
    // as typed without å/ä/ö/æ/ø
    const plain = word.normalize('NFD').replace(/\p{M}/gu, '').replace(/æ/g, 'a').replace(/ø/g, 'o');
    if (plain !== word) WEIGHTS.set(plain, { ...WEIGHTS.get(plain), [language]: 1 });
  }
}
// A word shared by two languages says less than one only a single language uses.
for (const weights of WEIGHTS.values()) {
  const shared = Object.keys(weights).length;
  for (const language of Object.keys(weights) as CommentLanguage[]) weights[language] = 1 / shared;
}

/** The comment's language among en/sv/da; `fallback` when nothing in it tells. */
export function detectLanguage(text: string, fallback: CommentLanguage = 'en'): CommentLanguage {
  const lower = text.toLowerCase();
  const score: Record<CommentLanguage, number> = { en: 0, sv: 0, da: 0 };
  for (const word of lower.match(/\p{L}+(?:'\p{L}+)?/gu) ?? []) {
    const weights = WEIGHTS.get(word);
    if (weights) for (const language of Object.keys(weights) as CommentLanguage[]) score[language] += weights[language]!;
    else if (/[äö]/.test(word)) score.sv += 1.5;
    else if (/[æø]/.test(word)) score.da += 1.5;
    else {
      const hint = STEMS.find(([pattern]) => pattern.test(word));
      if (hint) score[hint[1]] += 1;
      // one-word comments ("Toppen!", "Nice"): an opinion word only one language's lexicon lists
      const listedIn = COMMENT_LANGUAGES.filter((language) => word in OWN_LEXICONS[language]);
      for (const language of listedIn) score[language] += 0.5 / listedIn.length;
    }
  }
  const best = (Object.keys(score) as CommentLanguage[]).reduce((a, b) => (score[b] > score[a] ? b : a), fallback);
  return score[best] > 0 ? best : fallback;
}
