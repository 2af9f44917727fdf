// One case on its own page (#/cases/ID, where the case email's link lands):
// the answer and what led to it, the person, the alerts and webhooks it
// caused, notes and SLA, and a timeline of all of it; managers work it here.
import { get } from '../api.js';
import { assigneeName, caseControls, scoreChip, slaBadge, statusChip } from '../components/case-card.js';
import { h, mount } from '../dom.js';
import { metricLabel } from '../format.js';
import { formatDate, t } from '../i18n.js';
import { href } from '../router.js';
import { can } from '../session.js';

export async function casePage(view, params) {
  const [history, users] = await Promise.all([
    get(`/api/v1/cases/${encodeURIComponent(params.id)}/history`),
    can('manager') ? get('/api/v1/users').catch(() => ({ data: [] })) : { data: [] },
  ]);
  const people = users.data.filter((u) => u.enabled);
  const draw = (data, message, error) => {
    const c = data.case;
    const who = data.person?.name ?? data.person?.email ?? t('comments.anonymous');
    mount(
      view,
      h('a', { class: 'back-link', href: href('/cases', { status: c.status }) }, '← ', t('cases.title')),
      h(
        'div',
        {
          class: 'page-header case-page-header',
          'data-testid': 'case-page',
          dataset: { caseId: c.id, status: c.status },
        },
        scoreChip(c.response),
        h('h1', {}, t('case.title', { who })),
        h('div', { class: 'page-actions' }, statusChip(c.status), slaBadge(c)),
      ),
      message && h('div', { class: 'alert alert-ok', role: 'status' }, message),
      error && h('div', { class: 'alert alert-error', role: 'alert' }, error.message),
      h(
        'div',
        { class: 'case-page' },
        h(
          'div',
          { class: 'case-main' },
          answerCard(data),
          h(
            'section',
            { class: 'card' },
            h('h2', { class: 'card-title' }, t('case.followUp')),
            can('manager')
              ? caseControls(c, {
                  users: people,
                  onChange: (updated, text) => reload(text),
                  onError: (e) => draw(data, null, e),
                })
              : h('p', { class: 'subtle', 'data-testid': 'case-assignee' }, t('cases.assignee'), ': ', assigneeName(c.assignee, people)),
            notesList(c.notes ?? []),
          ),
          timeline(data),
        ),
        h(
          'div',
          { class: 'case-side' },
          personCard(data.person),
          eventCard(data.event),
          slaCard(data.sla),
          alertsCard(data.alerts),
          webhooksCard(data.webhooks),
        ),
      ),
    );
  };
  // After a change the whole history is read again: the note, the status and the case.updated webhook all belong to it.
  const reload = async (message) => draw(await get(`/api/v1/cases/${encodeURIComponent(params.id)}/history`), message);
  draw(history);
}

function answerCard({ answer, touchpoint, relationship, case: c }) {
  const r = answer;
  return h(
    'section',
    { class: 'card', 'data-testid': 'case-answer' },
    h('h2', { class: 'card-title' }, t('case.answer')),
    r
      ? [
          h(
            'p',
            { class: 'case-score-line' },
            t('case.scoreOf', { score: r.score, metric: metricLabel(r.metric), min: r.scale.min, max: r.scale.max }),
          ),
          h(
            'blockquote',
            { class: 'case-comment', 'data-testid': 'case-comment' },
            r.comment || h('span', { class: 'subtle' }, t('cases.noComment')),
          ),
          facts([
            [t('case.answered'), formatDate(r.createdAt, true)],
            Date.parse(r.updatedAt) - Date.parse(r.createdAt) > 1000 ? [t('case.edited'), formatDate(r.updatedAt, true)] : null,
            [t('case.source'), r.source],
            r.locale ? [t('case.locale'), r.locale] : null,
          ]),
        ]
      : h('p', { class: 'subtle' }, t('case.noAnswer')),
    touchpoint
      ? h(
          'p',
          { class: 'case-where' },
          h('a', { href: href(`/touchpoints/${touchpoint.id}`), 'data-testid': 'case-touchpoint' }, touchpoint.name),
          h('span', { class: 'subtle' }, ` · ${touchpoint.stage.name} · ${touchpoint.journey.name}`),
        )
      : relationship
        ? // An answer to a relationship survey is about the journey as a whole, not a touchpoint.
          h(
            'p',
            { class: 'case-where', 'data-testid': 'case-relationship' },
            t('cases.relationship'),
            h('span', { class: 'subtle' }, ` · ${relationship.journey.name}`),
          )
        : h('p', { class: 'subtle' }, t('cases.unknownTouchpoint')),
    c.autoResolved ? h('p', { class: 'subtle' }, t('case.autoResolved')) : null,
  );
}

function notesList(notes) {
  if (!notes.length) return h('p', { class: 'subtle' }, t('case.noNotes'));
  return h(
    'ul',
    { class: 'notes', 'data-testid': 'notes' },
    notes.map((n) => h('li', {}, h('p', {}, n.body), h('span', { class: 'subtle' }, `${n.author} · ${formatDate(n.createdAt, true)}`))),
  );
}

function personCard(person) {
  return h(
    'section',
    { class: 'card', 'data-testid': 'case-person' },
    h('h2', { class: 'card-title' }, t('case.person')),
    person
      ? facts([
          [t('case.name'), person.name],
          [t('case.email'), person.email],
          [t('case.externalId'), person.externalId],
          [t('case.locale'), person.locale],
          ...Object.entries(person.properties ?? {}).map(([k, v]) => [k, display(v)]),
          person.erased ? [t('case.erased'), t('common.yes')] : null,
        ])
      : h('p', { class: 'subtle' }, t('comments.anonymous')),
  );
}

function eventCard(event) {
  return h(
    'section',
    { class: 'card', 'data-testid': 'case-event' },
    h('h2', { class: 'card-title' }, t('case.event')),
    event
      ? facts([
          [t('case.eventType'), event.type],
          [t('case.occurred'), formatDate(event.occurredAt, true)],
          ...Object.entries(event.properties ?? {}).map(([k, v]) => [k, display(v)]),
        ])
      : h('p', { class: 'subtle' }, t('case.noEvent')),
  );
}

function slaCard(sla) {
  return h(
    'section',
    { class: 'card', 'data-testid': 'case-sla' },
    h('h2', { class: 'card-title' }, t('case.sla')),
    facts([
      [t('case.due'), sla.dueAt ? formatDate(sla.dueAt, true) : '–'],
      [t('case.overdue'), sla.overdue ? t('common.yes') : t('common.no')],
      sla.resolvedAt ? [t('case.resolvedAt'), formatDate(sla.resolvedAt, true)] : null,
      sla.metSla === null ? null : [t('case.metSla'), sla.metSla ? t('common.yes') : t('common.no')],
      [t('case.slaHours'), String(sla.hours)],
      [t('case.autoResolve'), sla.autoResolve ? t('common.yes') : t('common.no')],
    ]),
  );
}

function alertsCard(alerts) {
  return h(
    'section',
    { class: 'card', 'data-testid': 'case-alerts' },
    h('h2', { class: 'card-title' }, t('case.alerts')),
    alerts.length
      ? h(
          'ul',
          { class: 'case-list-plain' },
          alerts.map((a) =>
            h('li', {}, h('strong', {}, a.ruleName), h('span', { class: 'subtle' }, ` · ${formatDate(a.createdAt, true)}`)),
          ),
        )
      : h('p', { class: 'subtle' }, t('case.noAlerts')),
  );
}

function webhooksCard(webhooks) {
  return h(
    'section',
    { class: 'card', 'data-testid': 'case-webhooks' },
    h('h2', { class: 'card-title' }, t('case.webhooks')),
    webhooks.length
      ? h(
          'ul',
          { class: 'case-list-plain' },
          webhooks.map((w) =>
            h(
              'li',
              { 'data-testid': 'case-webhook', dataset: { status: w.status } },
              h('code', {}, w.eventType),
              ' → ',
              w.host,
              ' ',
              h('span', { class: `status status-${w.status}` }, t(`wh.delivery.${w.status}`)),
              h('span', { class: 'subtle' }, ` · ${t('case.attempts', { n: w.attempts })}${w.lastStatus ? ` · HTTP ${w.lastStatus}` : ''}`),
            ),
          ),
        )
      : h('p', { class: 'subtle' }, t('case.noWebhooks')),
  );
}

function timeline(data) {
  const label = (e) => {
    switch (e.kind) {
      case 'event':
        return t('case.tl.event', { type: data.event?.type ?? '' });
      case 'alert':
        return t('case.tl.alert', { rule: data.alerts.find((a) => a.id === e.refId)?.ruleName ?? '' });
      case 'webhook': {
        const w = data.webhooks.find((x) => x.id === e.refId);
        return t('case.tl.webhook', { type: w?.eventType ?? '', host: w?.host ?? '' });
      }
      case 'note':
        return t('case.tl.note', { author: data.case.notes?.find((n) => n.id === e.refId)?.author ?? '' });
      case 'answered':
        return t('case.tl.answered', { score: data.answer?.score ?? '' });
      default:
        return t(`case.tl.${e.kind}`);
    }
  };
  return h(
    'section',
    { class: 'card' },
    h('h2', { class: 'card-title' }, t('case.timeline')),
    h(
      'ol',
      { class: 'timeline', 'data-testid': 'timeline' },
      data.timeline.map((e) =>
        h('li', { dataset: { kind: e.kind } }, h('time', { datetime: e.at }, formatDate(e.at, true)), h('span', {}, label(e))),
      ),
    ),
  );
}

function facts(rows) {
  return h(
    'dl',
    { class: 'facts' },
    rows.filter((row) => row && row[1] !== null && row[1] !== undefined && row[1] !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

function display(value) {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}
