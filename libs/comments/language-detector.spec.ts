import { languageOfLocale } from './comment-language';
import { detectLanguage } from './language-detector';

describe('languageOfLocale', () => {
  it('takes the primary subtag of en, sv and da locales', () => {
    expect(languageOfLocale('sv-SE')).toBe('sv');
    expect(languageOfLocale('da_DK')).toBe('da');
    expect(languageOfLocale('EN-gb')).toBe('en');
    expect(languageOfLocale('nb-NO')).toBe('da');
  });

  it('is null for other or missing locales, so the language is detected', () => {
    expect(languageOfLocale('de-DE')).toBeNull();
    expect(languageOfLocale('')).toBeNull();
    expect(languageOfLocale(null)).toBeNull();
    expect(languageOfLocale(undefined)).toBeNull();
  });
});

describe('detectLanguage', () => {
  it.each([
    ['Leveransen var snabb och personalen trevlig', 'sv'],
    ['Jag är mycket nöjd', 'sv'],
    ['inte bra alls', 'sv'],
    ['kundtjansten svarade aldrig pa mitt mejl', 'sv'],
    ['Tack!', 'sv'],
    ['Pakken kom hurtigt og det var godt', 'da'],
    ['Jeg er meget tilfreds', 'da'],
    ['ikke godt', 'da'],
    ['darlig service og lang leveringstid', 'da'],
    ['Tak for hurtig levering', 'da'],
    ['The delivery was quick and the staff friendly', 'en'],
    ['not great', 'en'],
    ['No complaints', 'en'],
    ['Great service, thanks!', 'en'],
    ['Leveringstiden var for lang', 'da'],
    ['Toppen!', 'sv'],
    ['Elendigt', 'da'],
    ['Awful', 'en'],
    ['Leveranstiden var för lång', 'sv'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('falls back when nothing tells', () => {
    expect(detectLanguage('👍')).toBe('en');
    expect(detectLanguage('😀', 'sv')).toBe('sv');
    expect(detectLanguage('')).toBe('en');
  });
});
