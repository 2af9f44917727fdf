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
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

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
    const background = (score: number) => html.match(new RegExp(`score=${score}&amp;via=email"[^>]*background:(#[0-9a-f]{6})`))?.[1];
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
});
