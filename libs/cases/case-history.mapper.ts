// The case page's history, as plain data: every step from the event that
// asked the customer to the case's resolution, in the order it happened.

export const TIMELINE_KINDS = ['event', 'invited', 'answered', 'edited', 'alert', 'opened', 'webhook', 'note', 'resolved'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  at: Date;
  kind: TimelineKind;
  /** The id of the row in the page's other lists (alert, webhook delivery, note); null for the case's own steps. */
  refId: string | null;
}

export interface TimelineInput {
  event: { id: string; occurredAt: Date } | null;
  invitedAt: Date | null;
  answer: { id: string; createdAt: Date; updatedAt: Date } | null;
  alerts: Array<{ id: string; createdAt: Date }>;
  opened: { id: string; createdAt: Date };
  webhooks: Array<{ id: string; createdAt: Date }>;
  notes: Array<{ id: string; createdAt: Date }>;
  resolvedAt: Date | null;
}

// A later write of the row (rollups, a comment in the same minute) is not an edit the reader needs to see.
const EDIT_GAP_MS = 1000;

export function buildCaseTimeline(input: TimelineInput): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const add = (at: Date | null | undefined, kind: TimelineKind, refId: string | null = null) => {
    if (at) entries.push({ at, kind, refId });
  };
  add(input.event?.occurredAt, 'event', input.event?.id ?? null);
  add(input.invitedAt, 'invited');
  if (input.answer) {
    add(input.answer.createdAt, 'answered', input.answer.id);
    if (input.answer.updatedAt.getTime() - input.answer.createdAt.getTime() > EDIT_GAP_MS)
      add(input.answer.updatedAt, 'edited', input.answer.id);
  }
  for (const a of input.alerts) add(a.createdAt, 'alert', a.id);
  add(input.opened.createdAt, 'opened', input.opened.id);
  for (const w of input.webhooks) add(w.createdAt, 'webhook', w.id);
  for (const n of input.notes) add(n.createdAt, 'note', n.id);
  add(input.resolvedAt, 'resolved');
  // Stable: steps of the same instant keep the causal order they were added in.
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.i - b.i)
    .map(({ e }) => e);
}

/** Only the host of a webhook URL: Slack and Teams hook URLs carry their secret in the path. */
export function webhookHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
