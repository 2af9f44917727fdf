import { BUILT_IN_THEMES } from './built-in-themes';
import type { CommentLanguage } from './comment-language';
import { ThemeMatcher, themesIn } from './theme-matcher';
import { tokenize } from './text-tokens';

const builtIn = new ThemeMatcher(BUILT_IN_THEMES);

function expectThemes(cases: Array<[text: string, language: CommentLanguage, themes: string[]]>) {
  const wrong = cases
    .map(([text, language, themes]) => ({ text, themes, got: themesIn(text, language, builtIn) }))
    .filter(({ themes, got }) => JSON.stringify([...got].sort()) !== JSON.stringify([...themes].sort()))
    .map(({ text, themes, got }) => `${text} → [${got}], expected [${themes}]`);
  expect(wrong).toEqual([]);
}

describe('built-in themes', () => {
  it('match keywords in definite and plural forms and by stem', () => {
    expectThemes([
      ['Leveransen var snabb', 'sv', ['delivery']],
      ['Pakken kom hurtigt', 'da', ['delivery']],
      ['Budet lämnade det utanför dörren', 'sv', ['delivery']],
      ['Budet stillede pakken ved døren', 'da', ['delivery']],
      ['Kassan krånglade', 'sv', ['checkout_payment']],
      ['Kundtjänsten svarade snabbt', 'sv', ['customer_service']],
      ['The couriers were rude', 'en', ['delivery', 'customer_service']],
      ['Prices have gone up', 'en', ['price']],
      ['Priserna är för höga', 'sv', ['price']],
      ['Priserne er fine', 'da', ['price']],
      ['Appen är seg', 'sv', ['website_app']],
      ['Refunded within two days', 'en', ['returns_refunds']],
    ]);
  });

  it('match inside Swedish and Danish compounds', () => {
    expectThemes([
      ['Leveringstiden var for lang', 'da', ['delivery']],
      ['Returfraktsedeln saknades', 'sv', ['returns_refunds']],
      ['Leveranstiden var lång', 'sv', ['delivery']],
      ['Kundeservicen var venlig', 'da', ['customer_service']],
      ['Betalningssättet fungerade inte', 'sv', ['checkout_payment']],
      ['Fragtprisen er for høj', 'da', ['price']],
      ['Pakkeboksen var fuld', 'da', ['delivery']],
      ['Kvalitetsproblem med sömmarna', 'sv', ['product_quality']],
      ['Telefonkön var lång', 'sv', ['customer_service']],
      ['Spårningslänken fungerade inte', 'sv', ['communication']],
    ]);
  });

  it('match without diacritics and in lower case', () => {
    expectThemes([
      ['kundtjansten var otrevlig', 'sv', ['customer_service']],
      ['storrelsen passede ikke', 'da', ['product_quality']],
      ['LEVERANSEN KOM ALDRIG', 'sv', ['delivery']],
      ['bekraftelsen kom aldrig', 'da', ['communication']],
    ]);
  });

  it('match multi-word keywords', () => {
    expectThemes([
      ['Had to wait at the pick-up point', 'en', ['delivery']],
      ['Customer service was great', 'en', ['customer_service']],
      ['Kunde inte logga in', 'sv', ['website_app']],
      ['Fik pengene tilbage hurtigt', 'da', ['returns_refunds']],
    ]);
  });

  it('cover each built-in theme in each language', () => {
    expectThemes([
      ['The shipping took a week', 'en', ['delivery']],
      ['Too expensive for what you get', 'en', ['price']],
      ['The jacket fell apart after one wash', 'en', ['product_quality']],
      ['The support agent was helpful', 'en', ['customer_service']],
      ['The website is slow', 'en', ['website_app']],
      ['Paying with Klarna failed', 'en', ['checkout_payment']],
      ['Returning the shoes was easy', 'en', ['returns_refunds', 'product_quality']],
      ['No tracking updates at all', 'en', ['communication']],
      ['Frakten tog en vecka', 'sv', ['delivery']],
      ['Alldeles för dyrt', 'sv', ['price']],
      ['Dålig kvalitet', 'sv', ['product_quality']],
      ['Trevlig personal', 'sv', ['customer_service']],
      ['Hemsidan laddar långsamt', 'sv', ['website_app']],
      ['Swish fungerade inte', 'sv', ['checkout_payment']],
      ['Returen gick smidigt', 'sv', ['returns_refunds']],
      ['Fick ingen orderbekräftelse', 'sv', ['communication']],
      ['Levering tog en uge', 'da', ['delivery']],
      ['Alt for dyrt', 'da', ['price']],
      ['Varen var i stykker', 'da', ['product_quality']],
      ['Medarbejderen var sød', 'da', ['customer_service']],
      ['Hjemmesiden er langsom', 'da', ['website_app']],
      ['MobilePay virkede ikke', 'da', ['checkout_payment']],
      ['Returneringen var nem', 'da', ['returns_refunds']],
      ['For mange nyhedsbreve', 'da', ['communication']],
    ]);
  });

  it('do not match short keywords inside unrelated words, or function words', () => {
    expectThemes([
      ['Det var godt', 'da', []],
      ['Budgeten räckte', 'sv', []],
      ['Det var en fin dag', 'sv', []],
      ['Vi var glade', 'da', []],
      ['Happy with everything', 'en', []],
    ]);
  });
});

describe('ThemeMatcher with workspace themes', () => {
  const matcher = new ThemeMatcher([
    ...BUILT_IN_THEMES,
    { key: 'store_staff', keywords: { en: ['cashier'], sv: ['kassörska', 'kassör'], da: ['kassedame'] } },
    { key: 'packaging', keywords: { en: ['packaging', 'box'], sv: ['förpackning'], da: ['emballage'] } },
  ]);

  it('finds workspace themes in inflections and compounds, in the order of the theme list', () => {
    expect(themesIn('Kassörskan var trevlig', 'sv', matcher)).toEqual(['store_staff']);
    expect(themesIn('Förpackningen var trasig och leveransen sen', 'sv', matcher)).toEqual(['delivery', 'product_quality', 'packaging']);
    expect(themesIn('Emballageaffaldet var enormt', 'da', matcher)).toEqual(['packaging']);
    expect(themesIn('The boxes were crushed', 'en', matcher)).toEqual(['packaging']);
  });

  it('reports where each theme is mentioned, for highlighting', () => {
    const text = 'Bra pris men leveransen tog tid';
    const mentions = matcher.mentionsIn(text, 'sv');
    expect(matcher.mentionsOf(tokenize(text, 'sv'), 'sv')).toEqual(mentions);
    expect(mentions.map(({ theme, start, end }) => [theme, text.slice(start, end)])).toEqual([
      ['price', 'pris'],
      ['delivery', 'leveransen'],
    ]);
  });

  it('matches a theme with no keywords for a language nowhere in that language', () => {
    const partial = new ThemeMatcher([{ key: 'x', keywords: { en: ['delivery'], sv: [], da: [] } }]);
    expect(themesIn('leveransen', 'sv', partial)).toEqual([]);
    expect(themesIn('late delivery', 'en', partial)).toEqual(['x']);
  });
});
