import { buildCaseTimeline, webhookHost } from './case-history.mapper';

describe('case timeline', () => {
  const t = (minute: number) => new Date(Date.UTC(2026, 11, 2, 7, minute));

  it('orders every step by time, same-instant steps in causal order, an edit only when the answer changed later', () => {
    const timeline = buildCaseTimeline({
      event: { id: 'ev', occurredAt: t(0) },
      invitedAt: t(1),
      answer: { id: 'r', createdAt: t(2), updatedAt: t(9) },
      alerts: [{ id: 'a', createdAt: t(3) }],
      opened: { id: 'c', createdAt: t(3) },
      webhooks: [{ id: 'w', createdAt: t(4) }],
      notes: [{ id: 'n', createdAt: t(8) }],
      resolvedAt: t(10),
    });
    expect(timeline.map((e) => [e.kind, e.refId])).toEqual([
      ['event', 'ev'],
      ['invited', null],
      ['answered', 'r'],
      ['alert', 'a'],
      ['opened', 'c'],
      ['webhook', 'w'],
      ['note', 'n'],
      ['edited', 'r'],
      ['resolved', null],
    ]);
    const unedited = buildCaseTimeline({
      event: null,
      invitedAt: null,
      answer: { id: 'r', createdAt: t(2), updatedAt: new Date(t(2).getTime() + 200) },
      alerts: [],
      opened: { id: 'c', createdAt: t(3) },
      webhooks: [],
      notes: [],
      resolvedAt: null,
    });
    expect(unedited.map((e) => e.kind)).toEqual(['answered', 'opened']);
  });

  it('shows only the host of a webhook URL', () => {
    expect(webhookHost('https://hooks.slack.com/services/T000/B000/secret')).toBe('hooks.slack.com');
    expect(webhookHost('not a url')).toBe('');
  });
});
