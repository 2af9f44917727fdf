import { en, type MessageKey } from './messages.en';
import { formatDeadline, resolveLocale, t } from './messages';

const placeholdersOf = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('resolveLocale', () => {
  it.each([
    ['sv-SE', 'sv'],
    ['da_DK', 'da'],
    ['DA', 'da'],
    ['en-GB', 'en'],
    ['fr', 'en'],
    ['', 'en'],
    [null, 'en'],
    [undefined, 'en'],
  ])('maps %p to %p', (input, expected) => {
    expect(resolveLocale(input)).toBe(expected);
  });
});

describe('t', () => {
  it('returns each locale its own text', () => {
    expect(t('en', 'page.thanks')).toBe('Thank you for your feedback');
    expect(t('sv-SE', 'page.thanks')).toBe('Tack för din feedback');
    expect(t('da', 'page.thanks')).toBe('Tak for din feedback');
    expect(t('fr', 'page.thanks')).toBe('Thank you for your feedback');
  });

  it('fills given vars and keeps placeholders it was not given', () => {
    expect(t('en', 'survey.nps.question', { company: 'Acme' })).toBe('How likely are you to recommend Acme to a friend or colleague?');
    expect(t('en', 'survey.nps.question')).toContain('{{company}}');
    expect(t('en', 'email.reminderSubject', { name: 'x' })).toBe('Reminder: {{subject}}');
  });

  it('says until when an answer can be changed, in the locale and in UTC', () => {
    const at = new Date('2026-12-03T14:05:00Z');
    expect(t('en', 'page.editUntil', { when: formatDeadline('en', at) })).toBe(
      'You can change your answer until December 3, 2026 at 14:05 UTC.',
    );
    expect(t('sv', 'page.editUntil', { when: formatDeadline('sv', at) })).toBe(
      'Du kan ändra ditt svar fram till 3 december 2026 kl. 14:05 UTC.',
    );
    expect(t('da', 'page.editUntil', { when: formatDeadline('da', at) })).toBe(
      'Du kan ændre dit svar indtil 3. december 2026 kl. 14.05 UTC.',
    );
  });

  it('does not rescan inserted values', () => {
    expect(t('en', 'email.reminderSubject', { subject: '{{subject}} again' })).toBe('Reminder: {{subject}} again');
  });

  const keys = Object.keys(en) as MessageKey[];

  it.each(['sv', 'da'])('%s translates every key, keeping its placeholders', (locale) => {
    for (const key of keys) {
      const text = t(locale, key);
      expect(text.trim()).not.toBe('');
      expect({ key, placeholders: placeholdersOf(text) }).toEqual({ key, placeholders: placeholdersOf(en[key]) });
    }
    // Some keys may coincide ("Send" is Danish too); the question must not.
    expect(t(locale, 'survey.nps.question')).not.toBe(en['survey.nps.question']);
  });
});
