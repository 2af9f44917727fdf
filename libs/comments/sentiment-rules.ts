// The rules word lists lack, per language: what negates, strengthens, softens
// and turns a comment around, and the fixed phrases whose words mean little
// alone. Words are written as typed; they are folded when the analyser loads.
import type { CommentLanguage } from './comment-language.js';

export interface LanguageRules {
  /** Turn the opinion of the next few words around ("inte bra", "ikke godt", "not great", "no complaints"). */
  negators: string[];
  /** Multiply the next opinion word ("jätte", "really", "vildt"). */
  intensifiers: string[];
  /** Soften the next opinion word ("lite", "a bit", "ret"). */
  downtoners: string[];
  /** After these the comment's verdict follows: what came before counts half ("but", "men", "dock", "dog"). */
  contrasts: string[];
  /** Open a clause that is conceded, not the verdict ("although …,", "även om …,", "selvom …,"). */
  concessions: string[];
  /** Prefixes of compounds that strengthen the rest ("jättebra", "supersnabb", "megagodt"). */
  intensifyingPrefixes: string[];
  /** Prefixes of compounds that carry an opinion of their own ("kanonservice", "skitprodukt"). */
  opinionPrefixes: Record<string, number>;
  /** Multi-word expressions with their own valence (matched on folded words). */
  phrases: Record<string, number>;
}

// prettier-ignore
const SV: LanguageRules = {
  negators: ['inte', 'ej', 'icke', 'aldrig', 'ingen', 'inget', 'inga', 'utan', 'knappast', 'varken', 'int', 'inte heller'],
  intensifiers: [
    'jätte', 'jättemycket', 'super', 'mega', 'väldigt', 'mycket', 'otroligt', 'sjukt', 'riktigt', 'helt', 'extremt',
    'grymt', 'fruktansvärt', 'så', 'verkligen', 'totalt', 'oerhört', 'enormt', 'galet', 'vansinnigt', 'alldeles',
    'ytterst', 'himla',
  ],
  downtoners: ['lite', 'ganska', 'rätt', 'något', 'aningen', 'relativt', 'hyfsat', 'tämligen', 'nästan'],
  contrasts: ['men', 'dock', 'däremot', 'fast'],
  concessions: ['även om', 'trots att', 'fastän', 'visserligen'],
  intensifyingPrefixes: [
    'jätte', 'super', 'mega', 'sjukt', 'kanon', 'kalas', 'toppen', 'skit', 'as', 'ur', 'svin', 'botten', 'gräs',
    'hyper',
  ],
  opinionPrefixes: { kanon: 3, toppen: 3, super: 2, drom: 3, kalas: 3, skit: -3, skrap: -3, katastrof: -4, botten: -3 },
  phrases: {
    'aldrig mer': -3, 'aldrig igen': -3, 'kom aldrig': -3, 'kom aldrig fram': -3, 'i tid': 1, 'i tide': 1, 'på tid': 1,
    'för sent': -2, 'for sent': -2, 'som utlovat': 2, 'som lovat': 2, 'inga problem': 2, 'inga konstigheter': 2,
    'inget att klaga på': 3, 'inget att anmärka på': 3, 'inte nöjd': -3, 'inte värt': -3, 'värt pengarna': 3,
    'värd pengarna': 3, 'slöseri med': -3, 'ingen hjälp': -3, 'inget svar': -3, 'på väg': 0, 'tog lång tid': -2,
    'lång tid': -1, 'tar lång tid': -2, 'tog evigheter': -3, 'lång väntetid': -2, 'över förväntan': 3,
    'över förväntningarna': 3, 'under all kritik': -5, 'hur bra som helst': 4, 'inte alls': 0, 'ingen kommentar': 0,
    'helt ok': 1, duger: 1, 'allt gick bra': 3, 'gick smidigt': 3, 'kommer tillbaka': 2, 'handlar igen': 3,
    'beställer igen': 3, 'handla igen': 2, 'inte lätt': -2, 'kan bli bättre': -2, 'kunde varit bättre': -2,
  },
};

// prettier-ignore
const DA: LanguageRules = {
  negators: ['ikke', 'ik', 'ej', 'aldrig', 'aldri', 'ingen', 'intet', 'ingenting', 'uden', 'næppe', 'hverken', 'heller ikke'],
  intensifiers: [
    'meget', 'super', 'mega', 'vildt', 'virkelig', 'rigtig', 'rigtigt', 'utrolig', 'utroligt', 'helt', 'totalt',
    'ekstremt', 'sindssygt', 'sindssyg', 'enormt', 'pisse', 'hammer', 'så', 'fuldstændig', 'fuldstændigt', 'særdeles',
    'yderst', 'afsindigt', 'kæmpe', 'top',
  ],
  downtoners: ['lidt', 'ret', 'noget', 'relativt', 'forholdsvis', 'nærmest', 'nogenlunde', 'temmelig'],
  contrasts: ['men', 'dog', 'derimod'],
  concessions: ['selvom', 'selv om', 'skønt', 'trods at', 'ganske vist'],
  intensifyingPrefixes: ['super', 'mega', 'pisse', 'skide', 'hammer', 'kanon', 'vildt', 'lyn', 'kæmpe', 'hyper', 'bund', 'røv', 'top'],
  opinionPrefixes: { kanon: 3, super: 2, top: 2, drom: 3, lorte: -3, mog: -3, skod: -3, elendig: -3, bund: -3 },
  phrases: {
    'aldrig igen': -3, 'aldrig mere': -3, 'aldri igjen': -3, 'kom aldrig': -3, 'til tiden': 1, 'til tide': 1,
    'i tide': 1, 'for sent': -2, 'for langsomt': -2, 'som lovet': 2, 'ingen problemer': 2, 'intet at klage over': 3,
    'ikke noget at klage over': 3, 'ikke tilfreds': -3, 'ikke pengene værd': -3, 'pengene værd': 3, 'spild af': -3,
    'ingen hjælp': -3, 'intet svar': -3, 'ingen svar': -3, 'lang tid': -1, 'tog lang tid': -2, 'tager lang tid': -2,
    'lang ventetid': -2, 'over forventning': 3, 'over al forventning': 4, 'under al kritik': -5,
    'ingen kommentarer': 0, 'helt ok': 1, 'handler igen': 3, 'bestiller igen': 3, 'kommer igen': 2, 'ikke let': -2,
    'ikke nemt': -2, 'gik fint': 2, 'gik godt': 3, 'bedre end forventet': 3,
  },
};

// prettier-ignore
const EN: LanguageRules = {
  negators: [
    'not', 'no', 'never', 'none', 'nothing', 'nobody', 'without', 'hardly', 'barely', 'neither', 'nor', 'cannot',
    "can't", 'cant', "don't", 'dont', "didn't", 'didnt', "doesn't", 'doesnt', "isn't", 'isnt', "wasn't", 'wasnt',
    "weren't", "won't", 'wont', "wouldn't", 'wouldnt', "couldn't", 'couldnt', "haven't", 'havent', "hasn't", 'hasnt',
    "aren't", "shouldn't", 'aint', "ain't", 'nt',
  ],
  intensifiers: [
    'very', 'really', 'extremely', 'so', 'super', 'mega', 'incredibly', 'totally', 'absolutely', 'completely',
    'utterly', 'highly', 'truly', 'awfully', 'terribly', 'insanely', 'ridiculously', 'too', 'most', 'much', 'way',
    'seriously', 'exceptionally', 'unbelievably', 'damn', 'bloody', 'especially', 'particularly',
  ],
  downtoners: ['bit', 'slightly', 'somewhat', 'fairly', 'rather', 'quite', 'kinda', 'kind of', 'sort of', 'pretty', 'little', 'almost'],
  contrasts: ['but', 'however', 'though', 'except'],
  concessions: ['although', 'even though', 'even if', 'despite', 'while', 'whilst', 'albeit'],
  intensifyingPrefixes: ['super', 'mega', 'ultra', 'hyper'],
  opinionPrefixes: {},
  phrases: {
    'never again': -3, 'never arrived': -3, 'on time': 1, 'in time': 1, 'too late': -2, 'too long': -2, 'too slow': -2,
    'as promised': 2, 'as described': 2, 'as expected': 1, 'no problem': 2, 'no problems': 2, 'no issues': 2,
    'no complaints': 3, 'nothing to complain about': 3, 'not happy': -3, 'not worth': -3, 'worth the money': 3,
    'value for money': 3, 'waste of': -3, 'no help': -3, 'no answer': -3, 'no response': -3, 'no reply': -3,
    'took ages': -3, 'took forever': -3, 'long wait': -2, 'long time': -1, 'took a long time': -2,
    'beyond expectations': 4, 'exceeded my expectations': 4, 'exceeded expectations': 4, 'above and beyond': 4,
    'spot on': 3, 'all good': 2, 'no comment': 0, 'will order again': 3, 'will buy again': 3, 'will be back': 2,
    'would recommend': 3, 'went smoothly': 3, 'not easy': -2, 'rip off': -4, 'let down': -3, 'fell apart': -3,
    'do better': -2, 'could be better': -2, 'could have been better': -2, 'a joke': -3, 'stopped working': -3,
    'gave up': -2, 'one star': -3, 'five stars': 4, '5 stars': 4,
  },
};

export const RULES: Record<CommentLanguage, LanguageRules> = { en: EN, sv: SV, da: DA };

// Emoji and emoticons read the same in every language. Skin tones and
// variation selectors are stripped before lookup (text-tokens.ts).
// prettier-ignore
export const EMOJI: Record<string, number> = {
  '😀': 2, '😃': 2, '😄': 2, '😁': 2, '😊': 2, '🙂': 1, '😉': 1, '😍': 3, '🥰': 3, '😘': 2, '🤩': 3, '😎': 2, '🥳': 3, '😂': 1,
  '🤣': 1, '😅': 0, '👍': 2, '👌': 2, '👏': 2, '🙌': 2, '💪': 2, '🙏': 1, '❤': 3, '♥': 3, '💕': 3, '💖': 3, '💙': 3, '💚': 3,
  '💛': 3, '💜': 3, '🧡': 3, '🖤': 2, '🤍': 2, '⭐': 2, '🌟': 2, '✨': 1, '🎉': 2, '🏆': 2, '💯': 2, '🔥': 1, '✅': 1, '😐': -1,
  '😑': -1, '🤔': -0.5, '😕': -2, '🙁': -2, '☹': -2, '😟': -2, '😞': -2, '😔': -2, '😢': -2, '😭': -2, '😩': -2, '😫': -2,
  '😤': -3, '😠': -3, '😡': -4, '🤬': -4, '👎': -3, '💩': -3, '🤮': -3, '🤢': -3, '😒': -2, '🙄': -2, '😖': -2, '😣': -2, '😬': -1,
  '😱': -2, '💔': -3, '❌': -2, '⚠': -1, '🐌': -2, '🤦': -2, '😴': -1, ':)': 2, ':-)': 2, ';)': 1, ';-)': 1, ':D': 3,
  ':-D': 3, '=)': 2, '(:': 2, '<3': 3, ':(': -2, ':-(': -2, '=(': -2, ':P': 0, ':p': 0, ':[': -2, ':]': 2,
};
