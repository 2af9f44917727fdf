import { renderSurveyEmail } from '@cairn/mail';
import { PersonalEmail, SurveyEmailCache } from './survey-email.cache';

const base = (name: string | null, extra: Partial<PersonalEmail['input']> = {}): PersonalEmail => ({
  input: {
    metric: 'nps',
    locale: 'sv',
    companyName: 'Acme & Co',
    touchpointName: 'Delivery',
    person: { name, properties: { plan: 'pro' } },
    ...extra,
  },
  baseUrl: 'https://cx.example.com',
  responseToken: `resp${Math.random().toString(36).slice(2)}`,
  unsubscribeToken: `unsub${Math.random().toString(36).slice(2)}`,
});

async function direct(email: PersonalEmail) {
  return renderSurveyEmail({
    ...email.input,
    responseUrl: (score) => `${email.baseUrl}/r/${email.responseToken}?score=${score}`,
    unsubscribeUrl: `${email.baseUrl}/u/${email.unsubscribeToken}`,
  });
}

describe('survey email cache', () => {
  const texts = { question: { sv: 'Hur var leveransen, {{name}}? ({{person.plan}})' }, subject: { sv: 'Hej {{name}}, en fråga' } };

  it.each([
    ['a plain name', 'Astrid', {}],
    ['no name', null, {}],
    ['markup and replacement patterns in the name', `<b>Ada</b> & "Bo" $& $1 'x'`, texts],
    ['a line break in the name', 'Ada\nLovelace', texts],
    ['spaces around the name', '  Ada ', texts],
    ['a reminder in CES', 'Lin', { metric: 'ces' as const, isReminder: true, locale: 'da' }],
  ])('renders exactly what the renderer renders, for %s', async (_label, name, extra) => {
    const cache = new SurveyEmailCache();
    for (let round = 0; round < 2; round++) {
      const email = base(name, extra);
      expect(await cache.render(email)).toEqual(await direct(email));
    }
  });

  it('reuses one rendering for people who differ only in name and tokens', async () => {
    const cache = new SurveyEmailCache();
    for (let i = 0; i < 20; i++) expect((await cache.render(base(`Person ${i}`))).html).toContain(`Person ${i}`);
    expect(cache.size).toBe(1);
    await cache.render(base('Person', { locale: 'en' }));
    expect(cache.size).toBe(2);
  });
});
