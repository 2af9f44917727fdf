// Cairn's webhook body → what a person in a chat channel needs to read it at a glance: a title, the score, the
// comment, who answered, where in the journey, and a link into the dashboard (the case when there is one). Pure:
// the Slack and Teams mappers only lay this out in their own message shapes.

export interface ChatBody {
  type: string;
  id: string;
  data: Record<string, unknown>;
}

export interface ChatOptions {
  /** PUBLIC_BASE_URL: the dashboard's links start here. */
  publicBaseUrl: string;
  /** The case of the answer, when one is open (a detractor's): the link leads there. */
  caseId?: string | null;
}

export interface ChatMessage {
  title: string;
  facts: Array<{ label: string; value: string }>;
  comment: string | null;
  link: { label: string; url: string } | null;
}

interface Snapshot {
  response?: { metric?: string; score?: number; scale?: { max?: number }; comment?: string | null; source?: string };
  person?: { name?: string | null; email?: string | null } | null;
  touchpoint?: { id?: string; name?: string } | null;
  stage?: { name?: string } | null;
  journey?: { id?: string; name?: string } | null;
  alert?: { ruleName?: string; kind?: string; value?: number | null; details?: Record<string, unknown> };
  case?: { id?: string; status?: string; assignee?: string | null } | null;
  change?: { status?: string };
}

const TITLES: Record<string, string> = {
  'response.created': 'New answer',
  'response.updated': 'Answer changed',
  'response.detractor': 'Detractor answered',
  'response.promoter': 'Promoter answered',
  'alert.triggered': 'Alert',
  'case.opened': 'Case opened',
  'case.updated': 'Case updated',
  'person.unsubscribed': 'A person unsubscribed',
  'webhook.test': 'Test message from Cairn: this channel is reached',
};

/** Comments are cut here: both chats refuse very long blocks, and the case page has the whole text. */
export const CHAT_COMMENT_MAX = 1500;

export function toChatMessage(body: ChatBody, options: ChatOptions): ChatMessage {
  const d = body.data as Snapshot;
  const r = d.response;
  const facts: ChatMessage['facts'] = [];
  if (r?.metric && typeof r.score === 'number')
    facts.push({ label: 'Score', value: `${r.score} / ${r.scale?.max ?? '?'} (${r.metric.toUpperCase()})` });
  if (d.alert?.kind === 'score_drop' && typeof d.alert.value === 'number') {
    facts.push({ label: 'Score now', value: `${round(d.alert.value)} (below ${String(d.alert.details?.below ?? '?')})` });
  }
  if (r) facts.push({ label: 'Person', value: personOf(d.person) });
  if (d.touchpoint?.name)
    facts.push({ label: 'Touchpoint', value: [d.touchpoint.name, d.stage?.name, d.journey?.name].filter(Boolean).join(' · ') });
  else if (r && d.journey?.name) facts.push({ label: 'Journey', value: d.journey.name });
  if (r?.source) facts.push({ label: 'Source', value: r.source });
  if (d.case?.status) facts.push({ label: 'Case', value: d.case.assignee ? `${d.case.status}, ${d.case.assignee}` : d.case.status });
  return { title: titleOf(body.type, d), facts, comment: commentOf(r?.comment), link: linkOf(d, options) };
}

function titleOf(type: string, d: Snapshot): string {
  const base = TITLES[type] ?? type;
  if (type === 'alert.triggered' && d.alert?.ruleName) return `${base}: ${d.alert.ruleName}`;
  if (type === 'case.updated' && d.change?.status) return `${base}: ${d.change.status}`;
  return d.touchpoint?.name && type.startsWith('response.') ? `${base} at ${d.touchpoint.name}` : base;
}

function personOf(person: Snapshot['person']): string {
  if (!person) return 'anonymous';
  if (person.name && person.email) return `${person.name} <${person.email}>`;
  return person.name || person.email || 'anonymous';
}

function commentOf(comment: string | null | undefined): string | null {
  const text = comment?.trim();
  if (!text) return null;
  return text.length > CHAT_COMMENT_MAX ? `${text.slice(0, CHAT_COMMENT_MAX - 1)}…` : text;
}

function linkOf(d: Snapshot, options: ChatOptions): ChatMessage['link'] {
  const base = options.publicBaseUrl.replace(/\/+$/, '');
  const caseId = d.case?.id ?? options.caseId;
  if (caseId) return { label: 'Open the case', url: `${base}/#/cases/${encodeURIComponent(caseId)}` };
  const touchpointId = d.touchpoint?.id ?? (d.alert?.details?.touchpointId as string | undefined);
  if (touchpointId) return { label: 'Open the touchpoint', url: `${base}/#/touchpoints/${encodeURIComponent(touchpointId)}` };
  if (d.journey?.id) return { label: 'Open the journey', url: `${base}/#/journeys/${encodeURIComponent(d.journey.id)}` };
  return null;
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}
