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
  /** "could have been faster", "kunde varit snabbare": praise that did not happen is a complaint. */
  counterfactuals: string[];
  /** Marks of sarcasm ("nice try", "jo tjena", 🙃): the praise in such a comment means its opposite. */
  sarcasm: string[];
  /** Words that make a comment a request ("please add", "lägg till"); its thanks are politeness, not praise. */
  requests: string[];
  /** Politeness that is praise alone ("Tack!") and nothing in a request. */
  courtesies: string[];
  /** A negator and the word after it that say something else ("uden tvivl": doubtless; "ikke kun": not only). */
  notNegating?: string[];
  /** Two words that negate together though the first alone does not ("knap så smidig": not as smooth). */
  negatorPairs?: string[];
  /** Said just before a negator, these make it emphatic ("slet ikke dårligt"). */
  emphaticNegation?: string[];
  /** "hverken … eller", "varken … eller", "neither … nor": both sides are weighed and neither wins. */
  neither?: [string, string];
  /** "kunne ikke være mere tilfreds": the next word is praised beyond comparison, not negated. */
  unsurpassed?: string[];
  /** Verbs that put a problem right ("løste problemet"): the problem named after them is a good outcome. */
  remedies?: string[];
  /** After these a word is a verb ("at ringe", to call), not the adjective it also spells ("ringe", poor). */
  infinitiveMarkers?: string[];
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
  counterfactuals: ['kunde varit', 'kunde ha varit', 'kunde vara', 'kan bli', 'borde vara', 'borde ha varit', 'borde varit', 'hade kunnat vara', 'hade kunnat'],
  sarcasm: ['jo tjena', 'snyggt försök', 'tack för ingenting', 'tack för inget', 'ja visst'],
  requests: ['lägg', 'önskar', 'önskemål', 'snälla', 'gärna', 'inför', 'saknar', 'borde', 'vore', 'förslag'],
  courtesies: ['tack', 'tackar', 'snälla'],
  phrases: {
    'aldrig mer': -3, 'aldrig igen': -3, 'kom aldrig': -3, 'kom aldrig fram': -3, 'i tid': 1, 'i tide': 1, 'på tid': 1,
    'för sent': -2, 'for sent': -2, 'som utlovat': 2, 'som lovat': 2, 'inga problem': 2, 'inga konstigheter': 2,
    'inget att klaga på': 3, 'inget att anmärka på': 3, 'inte nöjd': -3, 'inte värt': -3, 'värt pengarna': 3,
    'värd pengarna': 3, 'slöseri med': -3, 'ingen hjälp': -3, 'inget svar': -3, 'på väg': 0, 'tog lång tid': -2,
    'lång tid': -1, 'tar lång tid': -2, 'tog evigheter': -3, 'lång väntetid': -2, 'över förväntan': 3,
    'över förväntningarna': 3, 'under all kritik': -5, 'hur bra som helst': 4, 'inte alls': 0, 'ingen kommentar': 0,
    'helt ok': 0.5, 'som beskrivet': 2, 'som på bilden': 1, duger: 1, 'allt gick bra': 3, 'gick smidigt': 3, 'kommer tillbaka': 2, 'handlar igen': 3,
    'beställer igen': 3, 'handla igen': 2, 'inte lätt': -2, 'väger upp': 3, 'talar för sig själv': 3, 'var bättre förr': -3, 'bättre förr': -3, 'fortsätt så': 3, 'varje gång': -1.5, 'inte ok': -2.5, 'inte okej': -2.5, 'loggar ut mig': -1.5, 'loggat ut mig': -1.5, 'fixa det': -2, 'ett skämt': -3, 'gått upp': -1.5, 'värt det': 2, 'väl värt': 3, 'väl packat': 2, 'hela tiden': -1, 'väntar fortfarande': -2, 'fick ringa': -2, 'var tvungen': -1.5,
    'tre gånger': -1.5, 'flera gånger': -1.5, 'två gånger': -1, 'många gånger': -1.5, 'dagen efter': 2, 'samma dag': 2,
    'fri frakt': 2, 'gratis frakt': 2, 'gratis retur': 2, 'pengarna tillbaka': 1, 'kan bli bättre': -2, 'kunde vara bättre': -2, 'inget speciellt': 0, 'inte något speciellt': 0, 'vore bra': 0, 'vore kul': 0, 'vore trevligt': 0, 'skulle vara bra': 0, 'skulle vara trevligt': 0, 'kunde varit bättre': -2,
  },
};

// prettier-ignore
const DA: LanguageRules = {
  negators: ['ikke', 'ik', 'ej', 'aldrig', 'aldri', 'ingen', 'intet', 'ingenting', 'uden', 'næppe', 'hverken', 'heller ikke', 'nul'],
  notNegating: ['uden tvivl', 'ingen tvivl', 'ikke kun', 'ikke bare', 'ikke mindst'],
  negatorPairs: ['knap så', 'knapt så'],
  emphaticNegation: ['slet'],
  neither: ['hverken', 'eller'],
  unsurpassed: ['kunne ikke være mere', 'kunne ikke have været mere', 'kan ikke blive mere', 'kunne ikke blive mere'],
  remedies: ['løste', 'løst', 'løser', 'fiksede', 'fikset', 'fikser', 'rettede', 'rettet', 'ordnede', 'ordnet'],
  infinitiveMarkers: ['at', 'kan', 'kunne', 'skal', 'skulle', 'vil', 'ville', 'må'],
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
  counterfactuals: ['kunne være', 'kunne have været', 'kan blive', 'burde være', 'burde have været', 'kunne godt være', 'kunne godt have været'],
  sarcasm: ['flot forsøg', 'tak for ingenting', 'tak for intet', 'ja ja'],
  requests: ['tilføj', 'venligst', 'ønsker', 'ønske', 'gerne', 'savner', 'burde', 'forslag', 'indfør'],
  courtesies: ['tak', 'venligst'],
  phrases: {
    'aldrig igen': -3, 'aldrig mere': -3, 'aldri igjen': -3, 'kom aldrig': -3, 'til tiden': 1, 'til tide': 1,
    'i tide': 1, 'for sent': -2, 'for langsomt': -2, 'som lovet': 2, 'ingen problemer': 2, 'intet at klage over': 3,
    'ikke noget at klage over': 3, 'ikke tilfreds': -3, 'ikke pengene værd': -3, 'pengene værd': 3, 'spild af': -3,
    'ingen hjælp': -3, 'intet svar': -3, 'ingen svar': -3, 'lang tid': -1, 'tog lang tid': -2, 'tager lang tid': -2,
    'lang ventetid': -2, 'over forventning': 3, 'over al forventning': 4, 'under al kritik': -5,
    'ingen kommentarer': 0, 'helt ok': 0.5, 'som beskrevet': 2, 'som på billedet': 1, 'handler igen': 3, 'bestiller igen': 3, 'kommer igen': 2, 'ikke let': -2,
    'ikke nemt': -2, 'gik fint': 2, 'opvejer': 3, 'taler for sig selv': 3, 'var bedre før': -3, 'bedre før': -3, 'fortsæt sådan': 3, 'ikke længere': -1.5, 'hver gang': -1.5, 'ikke ok': -2.5, 'ikke okay': -2.5, 'ikke i orden': -2.5, 'logger mig ud': -1.5, 'fix det': -2, 'ret det': -2, 'intet at udsætte': 3, 'ikke noget at udsætte': 3, 'en joke': -3, 'det værd': 2, 'værd det': 2, 'godt pakket': 2, 'kunne være bedre': -2, 'kan blive bedre': -2, 'kunne have været bedre': -2, 'ikke noget særligt': 0, 'ikke noget specielt': 0, 'ville være rart': 0, 'ville være godt': 0, 'ville være fedt': 0, 'hele tiden': -1, 'venter stadig': -2, 'måtte ringe': -2, 'var nødt til': -1.5,
    'tre gange': -1.5, 'flere gange': -1.5, 'to gange': -1, 'mange gange': -1.5, 'dagen efter': 2, 'samme dag': 2,
    'gratis fragt': 2, 'gratis levering': 2, 'gratis retur': 2, 'pengene tilbage': 1, 'gik godt': 3, 'bedre end forventet': 3,
    'gik glat': 3, 'gået glat': 3, 'går glat': 3, 'forløb glat': 3, 'gik smertefrit': 3, 'i stykker': -3,
    'fra hinanden': -3, 'op i sømmene': -3, 'retur til afsender': -2, 'smed pakken': -3, 'smidt pakken': -3,
    'kastede pakken': -3, 'en skid': 0, 'nej tak': 0, 'intet særligt': -1, 'helt fint': 1.5, 'sidste uge': 0,
    'næste uge': 0, 'sidste måned': 0, 'næste måned': 0, 'højere end aftalt': -2.5, 'dyrere end aftalt': -2.5,
    'højere end lovet': -2.5, 'ikke det jeg forventede': -2.5, 'ikke hvad jeg forventede': -2.5, 'ikke som forventet': -2.5,
    'hænger sammen': 0, 'hænger fint sammen': 2, 'hænger godt sammen': 2, 'holder længe': 2, 'holder i mange år': 3,
    'holdt i mange år': 3, 'logget mig ud': -1.5, 'loggede mig ud': -1.5, 'prisen steg': -2, 'priserne steg': -2,
    'uden tvivl': 0, 'ingen tvivl': 0, 'tre forsøg': -1.5, 'flere forsøg': -1.5, 'mange forsøg': -1.5, 'stod i kø': -2,
    'føles billigt': -2, 'føles billig': -2, 'ser billigt ud': -2, 'ser billig ud': -2, 'kunne ikke være bedre': 4, 'kunne ikke have været bedre': 4,
    'kan ikke blive bedre': 4, 'kunne ikke blive bedre': 4,
  },
};

// prettier-ignore
const EN: LanguageRules = {
  negators: [
    'not', 'no', 'never', 'zero', 'none', 'nothing', 'nobody', 'without', 'hardly', 'barely', 'neither', 'nor', 'cannot',
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
  counterfactuals: ['used to be', 'could be', 'could have been', 'should be', 'should have been', 'would have been', 'could be a lot', 'could be a bit'],
  sarcasm: ['my foot', 'nice try', 'thanks for nothing', 'yeah right', 'oh great', 'oh wonderful', 'just great'],
  requests: ['please', 'add', 'wish', 'suggest', 'suggestion', 'should', 'consider', 'introduce', 'bring'],
  courtesies: ['thanks', 'thank', 'thx', 'please', 'cheers'],
  phrases: {
    'never again': -3, 'never arrived': -3, 'on time': 1, 'in time': 1, 'too late': -2, 'too long': -2, 'too slow': -2,
    'as promised': 2, 'as described': 2, 'as pictured': 1, 'as advertised': 2, 'as expected': 1, 'no problem': 2, 'no problems': 2, 'no issues': 2,
    'no complaints': 3, 'nothing to complain about': 3, 'not happy': -3, 'not worth': -3, 'worth the money': 3,
    'value for money': 3, 'waste of': -3, 'no help': -3, 'no answer': -3, 'no response': -3, 'no reply': -3,
    'took ages': -3, 'took forever': -3, 'long wait': -2, 'long time': -1, 'took a long time': -2,
    'beyond expectations': 4, 'exceeded my expectations': 4, 'exceeded expectations': 4, 'above and beyond': 4,
    'spot on': 3, 'all good': 2, 'no comment': 0, 'will order again': 3, 'will buy again': 3, 'will be back': 2,
    'would recommend': 3, 'went smoothly': 3, 'not easy': -2, 'rip off': -4, 'let down': -3, 'fell apart': -3,
    'do better': -2, 'could be better': -2, 'could have been better': -2, 'a joke': -3, 'stopped working': -3, 'makes up for': 3, 'speaks for itself': 3, 'not anymore': -2, 'keep it up': 3, 'keep up the good work': 3, 'every time': -1.5, 'every single time': -2, 'not ok': -2.5, 'not okay': -2.5, 'logs me out': -1.5, 'logged me out': -1.5, 'fix it': -2, "can't fault": 3, 'cant fault': 3, 'could not fault': 3, 'nothing to fault': 3, 'well packed': 2, 'worth it': 2, 'went up': -1.5, 'gone up': -1.5, 'nothing special': 0, 'would be nice': 0, 'would be great': 0, 'would be good': 0, 'would love': 0, 'kind of': 0, 'sort of': 0, 'looks like': 0, 'would like': 0, 'still waiting': -2, 'had to': -1.5, 'three times': -1.5,
    'two times': -1, 'several times': -1.5, 'many times': -1.5, 'multiple times': -1.5, 'all the time': -1, 'next day': 2,
    'same day': 2, 'day early': 2, 'days early': 2, 'free shipping': 2, 'free delivery': 2, 'free returns': 2, 'money back': 1,
    'gave up': -2, 'one star': -3, 'five stars': 4,
  },
};

// "too small", "för dyrt", "for lang": more than wanted is a complaint whatever the adjective's own valence.
// prettier-ignore
const EXCESS: Record<CommentLanguage, [string, string[]]> = {
  en: ['too', ['small', 'big', 'large', 'tight', 'loose', 'short', 'long', 'expensive', 'late', 'slow', 'thin', 'narrow',
    'wide', 'low', 'high', 'many', 'much', 'little', 'complicated', 'hard', 'difficult', 'weak', 'dry', 'salty', 'sweet']],
  sv: ['för', ['liten', 'litet', 'små', 'stor', 'stort', 'stora', 'kort', 'lång', 'långt', 'dyr', 'dyrt', 'dyra', 'sent',
    'långsam', 'långsamt', 'tunn', 'tunt', 'tight', 'trång', 'smal', 'bred', 'låg', 'hög', 'många', 'mycket', 'lite',
    'krångligt', 'svårt', 'svag', 'torr', 'salt', 'söt', 'korta', 'långa', 'tunna', 'trånga', 'smala', 'breda', 'dyra']],
  da: ['for', ['lille', 'små', 'stor', 'stort', 'store', 'kort', 'lang', 'langt', 'dyr', 'dyrt', 'dyre', 'sent', 'langsom',
    'langsomt', 'tynd', 'tyndt', 'stram', 'smal', 'bred', 'lav', 'høj', 'mange', 'meget', 'lidt', 'besværligt', 'svært',
    'svag', 'tør', 'salt', 'sød', 'korte', 'lange', 'tynde', 'stramme', 'smalle', 'brede', 'blød', 'blødt', 'hård',
    'hårdt', 'varm', 'varmt', 'kold', 'koldt', 'tung', 'tungt']],
};
const BY_LANGUAGE: Record<CommentLanguage, LanguageRules> = { en: EN, sv: SV, da: DA };
for (const [language, [too, adjectives]] of Object.entries(EXCESS) as Array<[CommentLanguage, [string, string[]]]>) {
  for (const adjective of adjectives) BY_LANGUAGE[language].phrases[`${too} ${adjective}`] ??= -2;
}

export const RULES = BY_LANGUAGE;

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
