// One detractor case: the comment, person and touchpoint, SLA state, and
// (for managers) assign, add a note, change status — each a PATCH /cases/:id.
import { patch } from '../api.js';
import { h, mount } from '../dom.js';
import { bandOf, BUCKET_COLORS, metricLabel } from '../format.js';
import { formatDate, formatRelative, t } from '../i18n.js';
import { can } from '../session.js';

const STATUSES = ['open', 'in_progress', 'resolved'];

export function caseCard(initial, context) {
  const card = h('article', { class: 'case', 'data-testid': 'case' });
  const draw = (c, message) => {
    card.dataset.caseId = c.id;
    card.dataset.status = c.status;
    card.classList.toggle('case-overdue', c.overdue);
    mount(
      card,
      header(c, context),
      body(c),
      can('manager') ? controls(c, update) : readOnly(c),
      message && h('div', { class: 'alert alert-ok', role: 'status' }, message),
      notes(c),
    );
  };
  async function update(changes, message) {
    try {
      draw(await patch(`/api/v1/cases/${initial.id}`, changes), message);
    } catch (error) {
      card.append(h('div', { class: 'alert alert-error', role: 'alert' }, error.message));
    }
  }
  draw(initial);
  return card;
}

function header(c, { touchpoints }) {
  const r = c.response;
  const band = r ? bandOf(r.metric, r.score) : 'low';
  return h(
    'div',
    { class: 'case-head' },
    r && h('span', { class: 'score-chip', style: { background: BUCKET_COLORS[band] }, title: metricLabel(r.metric) }, String(r.score)),
    h(
      'div',
      { class: 'case-who' },
      h('strong', {}, c.person?.name ?? c.person?.email ?? t('comments.anonymous')),
      h(
        'span',
        { class: 'subtle' },
        [
          c.person?.email,
          touchpoints.get(c.touchpointId) ?? t('cases.unknownTouchpoint'),
          t('cases.opened', { when: formatRelative(c.createdAt) }),
        ]
          .filter(Boolean)
          .join(' · '),
      ),
    ),
    h(
      'div',
      { class: 'case-sla' },
      h('span', { class: `status status-${c.status}`, 'data-testid': 'case-status' }, t(`cases.status.${c.status}`)),
      c.overdue
        ? h(
            'span',
            { class: 'badge badge-danger', 'data-testid': 'overdue', title: formatDate(c.dueAt, true) },
            t('cases.overdue', { when: formatRelative(c.dueAt) }),
          )
        : c.dueAt && c.status !== 'resolved' && h('span', { class: 'badge' }, t('cases.due', { when: formatRelative(c.dueAt) })),
    ),
  );
}

function body(c) {
  return h('blockquote', { class: 'case-comment' }, c.response?.comment || h('span', { class: 'subtle' }, t('cases.noComment')));
}

function readOnly(c) {
  return h('div', { class: 'case-controls subtle' }, t('cases.assignee'), ': ', c.assignee ?? t('cases.unassigned'));
}

function controls(c, update) {
  const assignee = h('input', {
    name: 'assignee',
    value: c.assignee ?? '',
    list: 'case-assignees',
    placeholder: t('cases.unassigned'),
    'aria-label': t('cases.assignee'),
    'data-testid': 'assignee',
  });
  const status = h(
    'select',
    { 'aria-label': t('cases.statusLabel'), 'data-testid': 'status-select' },
    STATUSES.map((s) => h('option', { value: s, selected: s === c.status }, t(`cases.status.${s}`))),
  );
  const note = h('textarea', { rows: '2', placeholder: t('cases.notePlaceholder'), 'aria-label': t('cases.note'), 'data-testid': 'note' });
  return h(
    'div',
    { class: 'case-controls' },
    h(
      'form',
      {
        class: 'inline-form',
        onsubmit: (e) => (e.preventDefault(), update({ assignee: assignee.value.trim() || null }, t('cases.assigned'))),
      },
      assignee,
      h('button', { class: 'btn', type: 'submit', 'data-testid': 'assign' }, t('cases.assign')),
    ),
    h(
      'div',
      { class: 'inline-form' },
      status,
      h(
        'button',
        { class: 'btn', 'data-testid': 'set-status', onclick: () => update({ status: status.value }, t('cases.statusChanged')) },
        t('cases.setStatus'),
      ),
      c.status !== 'resolved' &&
        h(
          'button',
          { class: 'btn btn-primary', 'data-testid': 'resolve', onclick: () => update({ status: 'resolved' }, t('cases.resolvedMessage')) },
          t('cases.resolve'),
        ),
    ),
    h(
      'form',
      {
        class: 'inline-form note-form',
        onsubmit: (e) => (e.preventDefault(), note.value.trim() && update({ note: note.value.trim() }, t('cases.noteAdded'))),
      },
      note,
      h('button', { class: 'btn', type: 'submit', 'data-testid': 'add-note' }, t('cases.addNote')),
    ),
  );
}

function notes(c) {
  if (!c.notes?.length) return null;
  return h(
    'ul',
    { class: 'notes', 'data-testid': 'notes' },
    c.notes.map((n) => h('li', {}, h('p', {}, n.body), h('span', { class: 'subtle' }, `${n.author} · ${formatDate(n.createdAt, true)}`))),
  );
}
