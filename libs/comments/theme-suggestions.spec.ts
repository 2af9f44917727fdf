import { BUILT_IN_THEMES } from './built-in-themes';
import { ThemeMatcher } from './theme-matcher';
import { suggestThemes } from './theme-suggestions';

const builtIn = new ThemeMatcher(BUILT_IN_THEMES);

const comments = [
  { text: 'Kön i butiken var lång', language: 'sv' as const },
  { text: 'Alltid lång kö i butiken', language: 'sv' as const },
  { text: 'Butiken var stökig men leveransen snabb', language: 'sv' as const },
  { text: 'Parkeringen vid butiken är för liten', language: 'sv' as const },
  { text: 'Parkeringen är ett problem', language: 'sv' as const },
  { text: 'Bra leverans, bra pris', language: 'sv' as const },
  { text: 'Bra leverans', language: 'sv' as const },
  { text: 'The parking lot was full again', language: 'en' as const },
  { text: 'Parking lot is too small', language: 'en' as const },
  { text: 'No space in the parking lot', language: 'en' as const },
  { text: 'Parking lot was a mess', language: 'en' as const },
];

describe('suggestThemes', () => {
  const suggestions = suggestThemes(comments, builtIn, { minCount: 2 });
  const byKey = new Map(suggestions.map((s) => [`${s.language}:${s.key}`, s]));

  it('counts recurring words and phrases per comment, by stem, with the most written form', () => {
    const butik = suggestions.find((s) => s.language === 'sv' && s.phrase.startsWith('butiken'));
    expect(butik).toMatchObject({ phrase: 'butiken', count: 4 });
    expect(suggestions.find((s) => s.language === 'sv' && s.phrase === 'parkeringen')).toMatchObject({ count: 2 });
    expect(suggestions.find((s) => s.language === 'en' && s.phrase === 'parking lot')).toMatchObject({ count: 4 });
  });

  it('leaves out what a theme covers, opinion words and stopwords', () => {
    const phrases = suggestions.map((s) => s.phrase);
    expect(phrases).not.toContain('leverans'); // delivery
    expect(phrases).not.toContain('bra'); // an opinion, not a topic
    expect(phrases).not.toContain('the');
    expect(phrases).not.toContain('var');
  });

  it('drops a word that only occurs inside a phrase shown beside it', () => {
    expect(byKey.has('en:park lot')).toBe(true);
    expect(byKey.has('en:park')).toBe(false);
    expect(byKey.has('en:lot')).toBe(false);
  });

  it('gives up to three example comments, most frequent first, above the minimum count', () => {
    expect(byKey.get('en:park lot')!.examples).toEqual(
      comments
        .filter((c) => c.language === 'en')
        .slice(0, 3)
        .map((c) => c.text),
    );
    for (let i = 1; i < suggestions.length; i++) expect(suggestions[i - 1].count).toBeGreaterThanOrEqual(suggestions[i].count);
    expect(suggestions.every((s) => s.count >= 2)).toBe(true);
    expect(suggestThemes(comments, builtIn, { minCount: 5 })).toEqual([]);
    expect(suggestThemes(comments, builtIn, { minCount: 2, limit: 1 })).toHaveLength(1);
  });

  it('stops suggesting a word once a workspace theme covers it', () => {
    const withStore = new ThemeMatcher([
      ...BUILT_IN_THEMES,
      { key: 'store', keywords: { en: ['parking'], sv: ['butik', 'parkering'], da: [] } },
    ]);
    const rest = suggestThemes(comments, withStore, { minCount: 2 });
    expect(rest.some((s) => /butik|parker|parking/.test(s.phrase))).toBe(false);
  });

  it('detects the language of comments that have none', () => {
    const detected = suggestThemes(
      comments.map(({ text }) => ({ text })),
      builtIn,
      { minCount: 2 },
    );
    expect(detected.find((s) => s.phrase === 'parking lot')).toMatchObject({ language: 'en', count: 4 });
  });
});
