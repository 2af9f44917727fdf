import { renderSurveyEmail, type SurveyEmailInput } from './survey-email.renderer';

function input(overrides: Partial<SurveyEmailInput> = {}): SurveyEmailInput {
  return {
    metric: 'nps',
    companyName: 'Acme',
    touchpointName: 'the delivery',
    person: { name: 'Anna', properties: { plan: 'Pro' } },
    event: { properties: { orderId: 'A-17' } },
    responseUrl: (score) => `https://cairn.test/r/tok_1?score=${score}`,
    unsubscribeUrl: 'https://cairn.test/u/tok_1',
    ...overrides,
  };
}

describe('renderSurveyEmail texts', () => {
  it('presents CES as a statement to agree with, and only CES', async () => {
    const ces = await renderSurveyEmail(input({ metric: 'ces', locale: 'da' }));
    for (const part of [ces.html, ces.text]) {
      expect(part).toContain('Hvor enig er du i følgende udsagn?');
      expect(part).toContain('Acme gjorde det nemt for mig at få løst min sag.');
    }
    const csat = await renderSurveyEmail(input({ metric: 'csat', locale: 'da' }));
    expect(csat.text).not.toContain('udsagn');
    expect(csat.text).toContain('Hvor tilfreds var du med the delivery?');
  });

  it.each([
    ['sv-SE', 'sv', 'Hur troligt är det att du skulle rekommendera Acme till en vän eller kollega?', 'En snabb fråga från Acme'],
    ['da', 'da', 'Hvor sandsynligt er det, at du vil anbefale Acme til en ven eller kollega?', 'Et hurtigt spørgsmål fra Acme'],
    ['fr', 'en', 'How likely are you to recommend Acme to a friend or colleague?', 'A quick question from Acme'],
  ])('uses the %s texts', async (locale, lang, question, subject) => {
    const email = await renderSurveyEmail(input({ locale }));
    expect(email.subject).toBe(subject);
    expect(email.html).toContain(`lang="${lang}"`);
    expect(email.html).toContain(question);
    expect(email.text).toContain(question);
  });

  it('fills placeholders in an override question from person and event', async () => {
    const question = {
      en: 'Anna?',
      sv: '{{name}}, hur var {{touchpoint}} av order {{event.orderId}} på {{person.plan}}-planen hos {{company}}?{{nope}}',
    };
    const { html, text } = await renderSurveyEmail(input({ locale: 'sv', question, touchpointName: 'leveransen' }));
    const filled = 'Anna, hur var leveransen av order A-17 på Pro-planen hos Acme?';
    expect(html).toContain(filled);
    expect(text).toContain(filled);
  });

  it('falls back to the built-in text of the recipient language when the override lacks it', async () => {
    const { text } = await renderSurveyEmail(input({ locale: 'da', question: { en: 'Custom English question?' } }));
    expect(text).not.toContain('Custom English question?');
    expect(text).toContain('Hvor sandsynligt er det');
  });

  it('omits the greeting when the name is unknown', async () => {
    const { text } = await renderSurveyEmail(input({ person: { name: '  ' } }));
    expect(text.startsWith('How likely')).toBe(true);
  });

  it('gives a reminder its own subject, also for a custom subject', async () => {
    const first = await renderSurveyEmail(input());
    const reminder = await renderSurveyEmail(input({ isReminder: true }));
    expect(reminder.subject).not.toBe(first.subject);
    expect(reminder.subject).toBe(`Reminder: ${first.subject}`);

    const subject = { sv: 'Hur gick order {{event.orderId}}?' };
    expect((await renderSurveyEmail(input({ locale: 'sv', subject }))).subject).toBe('Hur gick order A-17?');
    expect((await renderSurveyEmail(input({ locale: 'sv', subject, isReminder: true }))).subject).toBe('Påminnelse: Hur gick order A-17?');
  });

  it('keeps line breaks from values out of the subject header', async () => {
    const { subject } = await renderSurveyEmail(
      input({ subject: { en: 'Order {{event.orderId}}' }, event: { properties: { orderId: 'A\r\nBcc: x@evil.test' } } }),
    );
    expect(subject).toBe('Order A Bcc: x@evil.test');
  });
});
