import { ChatBody, ChatOptions, toChatMessage } from './chat-message';

/**
 * Microsoft Teams' incoming-webhook message (the Workflows "post to a channel when a webhook request is received"
 * flow and the older connectors both take it): one Adaptive Card attachment.
 */
export interface TeamsMessage {
  type: 'message';
  attachments: Array<{ contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: Record<string, unknown> }>;
}

export function toTeamsMessage(body: ChatBody, options: ChatOptions): TeamsMessage {
  const m = toChatMessage(body, options);
  const cardBody: Array<Record<string, unknown>> = [
    { type: 'TextBlock', text: plain(m.title), weight: 'Bolder', size: 'Medium', wrap: true },
  ];
  if (m.facts.length) cardBody.push({ type: 'FactSet', facts: m.facts.map((f) => ({ title: f.label, value: plain(f.value) })) });
  if (m.comment) cardBody.push({ type: 'TextBlock', text: plain(`“${m.comment}”`), wrap: true, isSubtle: true });
  const content: Record<string, unknown> = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: cardBody,
  };
  if (m.link) content.actions = [{ type: 'Action.OpenUrl', title: m.link.label, url: m.link.url }];
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }] };
}

/**
 * TextBlocks render a Markdown subset: a customer's `[text](url)` would become a live link and `**text**` bold.
 * A backslash before the characters of links and emphasis shows them as typed.
 */
function plain(text: string): string {
  return text.replace(/([\\*_[\]])/g, '\\$1');
}
