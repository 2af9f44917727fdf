import { toSlackMessage } from './slack-webhook.mapper';
import { toTeamsMessage } from './teams-webhook.mapper';

const base = { publicBaseUrl: 'https://cx.example.com/' };

function detractor(comment = 'Slow <!channel> *really* [win](http://evil.example)') {
  return {
    type: 'response.detractor',
    id: 'evt-1',
    data: {
      response: { id: 'r-1', metric: 'nps', score: 3, scale: { min: 0, max: 10 }, comment, source: 'kiosk' },
      person: { id: 'p-1', email: 'ada@example.com', name: 'Ada' },
      touchpoint: { id: 't-1', name: 'Checkout' },
      stage: { name: 'Purchase' },
      journey: { id: 'j-1', name: 'Online store' },
    },
  };
}

describe('Slack and Teams messages', () => {
  it('lays out a detractor for Slack with its score, person, touchpoint, escaped comment and the case link', () => {
    const message = toSlackMessage(detractor(), { ...base, caseId: 'c-1' });
    expect(message.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Detractor answered at Checkout' } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Score*\n3 / 10 (NPS)' },
          { type: 'mrkdwn', text: '*Person*\nAda &lt;ada@example.com&gt;' },
          { type: 'mrkdwn', text: '*Touchpoint*\nCheckout · Purchase · Online store' },
          { type: 'mrkdwn', text: '*Source*\nkiosk' },
        ],
      },
      { type: 'section', text: { type: 'mrkdwn', text: '> Slow &lt;!channel&gt; *really* [win](http://evil.example)' } },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the case' }, url: 'https://cx.example.com/#/cases/c-1' }],
      },
    ]);
    expect(message.text).toContain('Score: 3 / 10 (NPS)');
    expect(message.text).toContain('<https://cx.example.com/#/cases/c-1|Open the case>');
    expect(message.text).not.toContain('<!channel>');
  });

  it('links to the touchpoint when the answer has no case, and says anonymous without a person', () => {
    const body = detractor('');
    body.data.person = null as never;
    const message = toSlackMessage(body, base);
    expect(JSON.stringify(message.blocks)).toContain('anonymous');
    expect(message.blocks.at(-1)).toMatchObject({ elements: [{ url: 'https://cx.example.com/#/touchpoints/t-1' }] });
    expect(message.blocks.filter((b) => b.type === 'section')).toHaveLength(1); // no comment block
  });

  it('makes an Adaptive Card message for Teams, with Markdown in the customer text shown as typed', () => {
    const message = toTeamsMessage(detractor(), { ...base, caseId: 'c-1' });
    expect(message.type).toBe('message');
    expect(message.attachments).toHaveLength(1);
    const [attachment] = message.attachments;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment.content).toMatchObject({
      type: 'AdaptiveCard',
      version: '1.4',
      body: [
        { type: 'TextBlock', text: 'Detractor answered at Checkout', weight: 'Bolder' },
        {
          type: 'FactSet',
          facts: [
            { title: 'Score', value: '3 / 10 (NPS)' },
            { title: 'Person', value: 'Ada <ada@example.com>' },
            { title: 'Touchpoint', value: 'Checkout · Purchase · Online store' },
            { title: 'Source', value: 'kiosk' },
          ],
        },
        { type: 'TextBlock', text: '“Slow <!channel> \\*really\\* \\[win\\](http://evil.example)”', wrap: true },
      ],
      actions: [{ type: 'Action.OpenUrl', title: 'Open the case', url: 'https://cx.example.com/#/cases/c-1' }],
    });
  });

  it('titles alerts by their rule and score drops by the score now, and cuts a long comment', () => {
    const drop = {
      type: 'alert.triggered',
      id: 'evt-2',
      data: { alert: { ruleName: 'Checkout below 20', kind: 'score_drop', value: 12.345, details: { below: 20, touchpointId: 't-9' } } },
    };
    const slack = toSlackMessage(drop, base);
    expect(slack.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Alert: Checkout below 20' } });
    expect(JSON.stringify(slack.blocks)).toContain('12.3 (below 20)');
    expect(slack.blocks.at(-1)).toMatchObject({ elements: [{ url: 'https://cx.example.com/#/touchpoints/t-9' }] });
    const long = toTeamsMessage(detractor('x'.repeat(5000)), base);
    const text = (long.attachments[0].content.body as Array<{ text?: string }>)[2].text!;
    expect(text.length).toBeLessThan(1600);
    expect(text.endsWith('…”')).toBe(true);
  });
});
