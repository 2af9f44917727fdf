import { isGsm7 } from './gsm7';
import { composeSmsBody, measure } from './sms-texts';

// A realistic link: an https host of 30 characters and the 22-character code of 128 random bits.
const LINK = 'https://feedback.example-shop.com/s/Abc123_-Xyz789Qwe456Rty';

describe('survey SMS texts', () => {
  it.each(['en', 'sv', 'da'])('%s: every metric fits one GSM-7 segment and asks for a numbered reply', (locale) => {
    for (const metric of ['nps', 'csat', 'ces'] as const) {
      const body = composeSmsBody({ metric, locale, companyName: 'Nordic Outdoor Shop', link: LINK });
      expect(body.text).toContain('Nordic Outdoor Shop: ');
      expect(body.text).toContain(LINK);
      expect(isGsm7(body.text)).toBe(true);
      expect(body.gsm7Length).toBeLessThanOrEqual(160);
      expect(body.segments).toBe(1);
      expect(body.text).toMatch(metric === 'nps' ? / 0-10 / : metric === 'csat' ? / 1-5 / : / 1-7 /);
      expect(body.locale).toBe(locale);
    }
  });

  it('writes Swedish and Danish letters in GSM-7 (å, ä, ö, æ, ø are in its alphabet)', () => {
    expect(composeSmsBody({ metric: 'ces', locale: 'sv', companyName: 'Åhléns', link: LINK }).text).toContain('Var det enkelt');
    expect(isGsm7('æøå ÆØÅ äö')).toBe(true);
    expect(isGsm7('ł')).toBe(false);
  });

  it('shortens a long company name, and drops one that is not GSM-7, to stay in one segment', () => {
    const long = composeSmsBody({
      metric: 'nps',
      locale: 'da',
      companyName: 'The Very Long Company Name Holding International',
      link: LINK,
    });
    expect(long.segments).toBe(1);
    expect(long.text).toMatch(/^(The Very Long Compan: |Hvor )/);
    const greek = composeSmsBody({ metric: 'nps', locale: 'en', companyName: 'Ελληνικά καταστήματα', link: LINK });
    expect(greek.text.startsWith('How likely')).toBe(true);
    expect(greek.gsm7Length).not.toBeNull();
  });

  it('counts extension characters twice and UCS-2 texts in 70s', () => {
    expect(measure('€'.repeat(80))).toEqual({ gsm7Length: 160, segments: 1 });
    expect(measure('€'.repeat(81))).toEqual({ gsm7Length: 162, segments: 2 });
    expect(measure('ł'.repeat(71))).toEqual({ gsm7Length: null, segments: 2 });
  });

  it('counts each extension character (€ ^ { } [ ] ~ \\ |) as two septets', () => {
    for (const char of ['€', '^', '{', '}', '[', ']', '~', '\\', '|']) {
      expect(measure(`a${char}b`)).toEqual({ gsm7Length: 4, segments: 1 });
    }
    expect(measure('Bar|Deli {Te} €')).toEqual({ gsm7Length: 19, segments: 1 });
    expect(measure('a'.repeat(156) + '{}')).toEqual({ gsm7Length: 160, segments: 1 });
    expect(measure('a'.repeat(157) + '{}')).toEqual({ gsm7Length: 161, segments: 2 });
  });

  it('never splits an escape pair or a surrogate pair between two parts of a long text', () => {
    // 306 septets would fill two parts of 153, but the € at septets 153-154 moves whole to the second part.
    expect(measure(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toEqual({ gsm7Length: 306, segments: 3 });
    expect(measure(`${'a'.repeat(153)}€${'a'.repeat(151)}`)).toEqual({ gsm7Length: 306, segments: 2 });
    // UCS-2: 134 units, but the emoji's pair cannot straddle units 67 and 68.
    expect(measure(`${'ł'.repeat(66)}😀${'ł'.repeat(66)}`)).toEqual({ gsm7Length: null, segments: 3 });
    expect(measure(`${'ł'.repeat(65)}😀${'ł'.repeat(67)}`)).toEqual({ gsm7Length: null, segments: 2 });
  });
});
