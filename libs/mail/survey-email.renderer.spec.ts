import { renderSurveyEmail, scoreValues, type SurveyEmailInput } from './survey-email.renderer';

const BASE = 'https://cairn.test';
// The "&" makes the test prove that hrefs are escaped and still come out as the same URL.
const responseUrl = (score: number) => `${BASE}/r/tok_1?score=${score}&via=email`;
const unsubscribeUrl = `${BASE}/u/tok_1`;

function input(overrides: Partial<SurveyEmailInput> = {}): SurveyEmailInput {
  return {
    metric: 'nps',
    companyName: 'Acme',
    touchpointName: 'the delivery',
    person: { name: 'Anna', properties: { plan: 'Pro' } },
    event: { properties: { orderId: 'A-17' } },
    responseUrl,
    unsubscribeUrl,
    ...overrides,
  };
}

const decode = (html: string) =>
  html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function links(html: string): Array<{ href: string; label: string }> {
  return [...html.matchAll(/<a\b[^>]*?\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({
    href: decode(m[1]),
    label: decode(m[2].trim()),
  }));
}

function textScoreLinks(text: string): Array<{ score: number; href: string }> {
  return [...text.matchAll(/^(\d+)(?: \([^)]*\))?: (\S+)$/gm)].map((m) => ({ score: Number(m[1]), href: m[2] }));
}

const expectedScores = { nps: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], csat: [1, 2, 3, 4, 5], ces: [1, 2, 3, 4, 5, 6, 7] };

describe('scoreValues', () => {
  it.each(Object.entries(expectedScores))('%s scores', (metric, scores) => {
    expect(scoreValues(metric as SurveyEmailInput['metric'])).toEqual(scores);
  });
});

describe('renderSurveyEmail', () => {
  describe.each(Object.entries(expectedScores))('%s', (metric, scores) => {
    it('has one button per score, in order, each linking to its score', async () => {
      const { html } = await renderSurveyEmail(input({ metric: metric as SurveyEmailInput['metric'] }));
      const scoreLinks = links(html).filter((link) => link.href.startsWith(`${BASE}/r/`));
      expect(scoreLinks).toEqual(scores.map((score) => ({ href: responseUrl(score), label: String(score) })));
    });

    it('lists the same links in the text part', async () => {
      const { text } = await renderSurveyEmail(input({ metric: metric as SurveyEmailInput['metric'] }));
      expect(textScoreLinks(text)).toEqual(scores.map((score) => ({ score, href: responseUrl(score) })));
    });
  });

  it('colors NPS buttons by bucket', async () => {
    const { html } = await renderSurveyEmail(input());
    const background = (score: number) =>
      html.match(new RegExp(`score=${score}&amp;via=email"[^>]*background:(#[0-9a-f]{6})`))?.[1];
    expect(new Set([0, 6].map(background)).size).toBe(1);
    expect(new Set([7, 8].map(background)).size).toBe(1);
    expect(new Set([9, 10].map(background)).size).toBe(1);
    expect(new Set([6, 7, 9].map(background)).size).toBe(3);
  });

  it('shows the end labels of the scale in html and text', async () => {
    const { html, text } = await renderSurveyEmail(input({ metric: 'ces' }));
    for (const part of [html, text]) {
      expect(part).toContain('Strongly disagree');
      expect(part).toContain('Strongly agree');
    }
    expect(text).toContain(`1 (Strongly disagree): ${responseUrl(1)}`);
    expect(text).toContain(`7 (Strongly agree): ${responseUrl(7)}`);
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
    const question = { en: 'Anna?', sv: '{{name}}, hur var {{touchpoint}} av order {{event.orderId}} på {{person.plan}}-planen hos {{company}}?{{nope}}' };
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

  it('escapes markup from names, properties and company', async () => {
    const email = await renderSurveyEmail(
      input({
        companyName: 'Smith & <b>Sons</b></mj-text><mj-raw><script>x()</script></mj-raw>',
        person: { name: '<script>alert(1)</script>', properties: { plan: '"><img src=x onerror=alert(1)>' } },
        question: { en: '{{name}} {{person.plan}}?' },
      }),
    );
    expect(email.html).not.toMatch(/<script|<img|<b>|<mj-/i);
    expect(email.html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(email.html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;?');
    expect(email.html).toContain('Smith &amp; &lt;b&gt;Sons&lt;/b&gt;');
    // The text part is not HTML: values stay as typed.
    expect(email.text).toContain('Hi <script>alert(1)</script>,');
  });

  it('has a visible unsubscribe link in html and text', async () => {
    const { html, text } = await renderSurveyEmail(input({ locale: 'sv' }));
    expect(links(html)).toContainEqual({ href: unsubscribeUrl, label: 'Avregistrera dig' });
    expect(text).toContain(`Avregistrera dig: ${unsubscribeUrl}`);
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
    expect((await renderSurveyEmail(input({ locale: 'sv', subject, isReminder: true }))).subject).toBe(
      'Påminnelse: Hur gick order A-17?',
    );
  });

  it('keeps line breaks from values out of the subject header', async () => {
    const { subject } = await renderSurveyEmail(input({ subject: { en: 'Order {{event.orderId}}' }, event: { properties: { orderId: 'A\r\nBcc: x@evil.test' } } }));
    expect(subject).toBe('Order A Bcc: x@evil.test');
  });
});
