import fc from 'fast-check';
import { analyseComment, BUILT_IN_THEMES, BUILT_IN_THEME_KEYS, ThemeMatcher, themeMatcherFor } from '@cairn/comments';

describe('analyseComment', () => {
  it('returns language, sentiment and themes in one call', () => {
    expect(analyseComment('Budet var sent och paketet trasigt 😡', 'sv-SE')).toEqual({
      language: 'sv',
      sentiment: { score: expect.any(Number), label: 'negative' },
      themes: ['delivery', 'product_quality'],
    });
    expect(analyseComment('Fast delivery, friendly staff', 'en')).toMatchObject({
      language: 'en',
      sentiment: { label: 'positive' },
      themes: ['delivery', 'customer_service'],
    });
  });

  it('uses the locale when it is en, sv or da, and detects the language otherwise', () => {
    expect(analyseComment('Pakken kom hurtigt', null).language).toBe('da');
    expect(analyseComment('Pakken kom hurtigt', 'de-DE').language).toBe('da');
    expect(analyseComment('Leveransen var snabb', undefined).language).toBe('sv');
    expect(analyseComment('ok', 'da').language).toBe('da');
  });

  it('matches the workspace themes it is given, as a list or a prepared matcher', () => {
    const themes = [...BUILT_IN_THEMES, { key: 'store', keywords: { en: ['store'], sv: ['butik'], da: ['butik'] } }];
    expect(analyseComment('Butiksmiljön var trevlig', 'sv', themes).themes).toEqual(['store']);
    expect(analyseComment('Butikken var ren', 'da', new ThemeMatcher(themes)).themes).toEqual(['store']);
    expect(analyseComment('Butiken var ren', 'sv').themes).toEqual([]);
  });

  it('builds a theme list’s matcher once and reuses it', () => {
    const themes = [...BUILT_IN_THEMES];
    expect(themeMatcherFor(themes)).toBe(themeMatcherFor(themes));
    expect(themeMatcherFor([...BUILT_IN_THEMES])).not.toBe(themeMatcherFor(themes));
  });

  it('has the eight built-in theme keys of the contract', () => {
    expect(BUILT_IN_THEME_KEYS).toEqual([
      'delivery',
      'price',
      'product_quality',
      'customer_service',
      'website_app',
      'checkout_payment',
      'returns_refunds',
      'communication',
    ]);
    for (const theme of BUILT_IN_THEMES)
      for (const language of ['en', 'sv', 'da'] as const) expect(theme.keywords[language].length).toBeGreaterThan(5);
  });

  it('never throws, keeps the score in −1..1 and names only known themes, whatever the text', () => {
    const fragments = fc.constantFrom(
      'inte',
      'bra',
      'ikke',
      'godt',
      'not',
      'great',
      'men',
      'but',
      '!!!',
      '😡',
      '👍🏽',
      'leveransen',
      'jätte',
      'kunde varit',
      '10/10',
      'å',
      'ø',
      ' ',
    );
    const texts = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join(' ')),
    );
    fc.assert(
      fc.property(texts, fc.constantFrom('en', 'sv', 'da', null, 'fi'), (text, locale) => {
        const { language, sentiment, themes } = analyseComment(text, locale);
        expect(['en', 'sv', 'da']).toContain(language);
        expect(sentiment.score).toBeGreaterThanOrEqual(-1);
        expect(sentiment.score).toBeLessThanOrEqual(1);
        for (const theme of themes) expect(BUILT_IN_THEME_KEYS).toContain(theme);
      }),
      { numRuns: 500 },
    );
  });
});
