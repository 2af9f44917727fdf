// A deterministic corpus for the comments benchmark: comment-length texts in
// en/sv/da built from fragments of the kind customers write (opinions,
// negations, compounds, emoji, missing diacritics), so every rule runs.
import type { CommentLanguage } from '@cairn/comments';

// prettier-ignore
const FRAGMENTS: Record<CommentLanguage, string[]> = {
  en: [
    'The delivery was quick', 'not great to be honest', 'customer service could not solve anything', 'no complaints',
    'the website kept crashing at checkout', 'really expensive for what you get', 'the jacket fell apart after a week',
    'friendly staff but the parcel never arrived', 'refund took three weeks', 'never got a tracking update 😡',
    'sooo happy with it 😀', 'paying with Klarna was easy', 'would recommend', 'the size was wrong', 'ok I guess',
  ],
  sv: [
    'Leveransen var inte bra alls', 'jättebra kundtjänst', 'kassan krånglade när jag skulle betala med Swish',
    'paketet kom aldrig fram', 'inga klagomål', 'dalig kvalitet pa trojan', 'returfraktsedeln saknades i paketet',
    'budet var sent men trevligt', 'hemsidan är seg', 'fick ingen orderbekräftelse', 'aldrig mer 👎',
    'prisvärt och snabbt', 'storleken passade inte', 'supernöjd!!', 'personalen i telefonkön var otrevlig',
  ],
  da: [
    'Pakken kom hurtigt', 'ikke godt', 'ingen klager', 'leveringstiden var alt for lang', 'vildt god service 👍',
    'kundeservicen svarede aldrig', 'darlig kvalitet', 'MobilePay virkede ikke i kassen', 'returneringen var nem',
    'prisen er fin men fragten er dyr', 'for mange nyhedsbreve', 'varen var i stykker', 'super venlig medarbejder',
    'hjemmesiden er langsom', 'aldrig igen!',
  ],
};

const CONNECTORS: Record<CommentLanguage, string[]> = {
  en: ['. ', ', ', ' and ', ' but '],
  sv: ['. ', ', ', ' och ', ' men '],
  da: ['. ', ', ', ' og ', ' men '],
};

export interface BenchComment {
  text: string;
  language: CommentLanguage;
}

/** `count` comments of 1–5 fragments (about 5–40 words) and an unseen word, the same on every run. */
export function benchCorpus(count: number): BenchComment[] {
  let seed = 42;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const languages: CommentLanguage[] = ['en', 'sv', 'da'];
  return Array.from({ length: count }, (_, i) => {
    const language = languages[i % 3];
    const parts = Array.from({ length: 1 + next(5) }, () => FRAGMENTS[language][next(FRAGMENTS[language].length)]);
    // One word never seen before per comment (a made-up compound), so the
    // analyser's per-word caches cannot hide the cost of new vocabulary.
    const unseen = `${(i * 7919).toString(36)}${FRAGMENTS[language][next(FRAGMENTS[language].length)].split(' ')[0].toLowerCase()}`;
    const text = parts.reduce((joined, part) => joined + CONNECTORS[language][next(4)] + part) + ` ${unseen}`;
    return { text, language };
  });
}
