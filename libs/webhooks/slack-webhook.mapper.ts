import { ChatBody, ChatOptions, toChatMessage } from './chat-message';

/** Slack's incoming-webhook message: `text` for notifications and old clients, `blocks` for the layout. */
export interface SlackMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

// Slack's own limits: header text 150 characters, a section's text 3000, a field 2000.
const HEADER_MAX = 150;

export function toSlackMessage(body: ChatBody, options: ChatOptions): SlackMessage {
  const m = toChatMessage(body, options);
  const blocks: SlackMessage['blocks'] = [{ type: 'header', text: { type: 'plain_text', text: cut(m.title, HEADER_MAX) } }];
  if (m.facts.length) {
    blocks.push({ type: 'section', fields: m.facts.map((f) => ({ type: 'mrkdwn', text: `*${f.label}*\n${escape(f.value)}` })) });
  }
  if (m.comment) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: quote(escape(m.comment)) } });
  if (m.link) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: m.link.label }, url: m.link.url }],
    });
  }
  const summary = [m.title, ...m.facts.map((f) => `${f.label}: ${f.value}`)].join(' · ');
  const text = [escape(summary), m.comment ? `“${escape(m.comment)}”` : null, m.link ? `<${m.link.url}|${m.link.label}>` : null];
  return { text: text.filter(Boolean).join('\n'), blocks };
}

/** Slack reads &, < and > as markup (links, mentions): a customer's words must not ping @channel or hide a link. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
