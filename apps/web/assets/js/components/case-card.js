// A detractor case in two sizes: a compact row of the cases list (a link to
// its page), and the controls of the case page for managers (assign to a
// user, change status, resolve, add a note), each a PATCH /cases/:id.
import { patch } from '../api.js';
import { h } from '../dom.js';
import { metricLabel } from '../format.js';
import { formatDate, formatRelative, t } from '../i18n.js';
import { href } from '../router.js';
import { answerChip } from './score-chip.js';

const STATUSES = ['open', 'in_progress', 'resolved'];

/** How the page names an assignee: the user's name when the value is a user's email. */
export function assigneeName(value, users = []) {
  if (!value) return t('cases.unassigned');
  const user = users.find((u) => u.email.toLowerCase() === value.toLowerCase());
  return user?.name ?? value;
}

export function scoreChip(response) {
  if (!response) return null;
  return answerChip(response.metric, response.score, { title: metricLabel(response.metric), 'data-testid': 'case-score' });
}

/** The SLA state of a case: overdue (red), due in …, or nothing once resolved. */
export function slaBadge(c) {
  if (c.overdue) {
    return h(
      'span',
      { class: 'badge badge-danger', 'data-testid': 'overdue', title: formatDate(c.dueAt, true) },
      t('cases.overdue', { when: formatRelative(c.dueAt) }),
    );
  }
  if (!c.dueAt || c.status === 'resolved') return null;
  return h('span', { class: 'badge', title: formatDate(c.dueAt, true) }, t('cases.due', { when: formatRelative(c.dueAt) }));
}

export function statusChip(status) {
  return h('span', { class: `status status-${status}`, 'data-testid': 'case-status' }, t(`cases.status.${status}`));
}

/** One line per case: who, where, what they wrote (cut), status, assignee, SLA; the whole row opens the case. */
export function caseRow(c, { touchpoints, users }) {
  const who = c.person?.name ?? c.person?.email ?? t('comments.anonymous');
  return h(
    'li',
    { class: ['case-row', c.overdue && 'case-overdue'], 'data-testid': 'case', dataset: { caseId: c.id, status: c.status } },
    h(
      'a',
      { class: 'case-row-link', href: href(`/cases/${c.id}`), 'data-testid': 'case-link' },
      scoreChip(c.response),
      h(
        'span',
        { class: 'case-row-main' },
        h('span', { class: 'case-row-who' }, h('strong', {}, who), h('span', { class: 'subtle' }, whereLabel(c, touchpoints))),
        h('span', { class: 'case-row-comment' }, c.response?.comment || t('cases.noComment')),
      ),
      h(
        'span',
        { class: 'case-row-meta' },
        statusChip(c.status),
        slaBadge(c),
        h('span', { class: 'subtle', 'data-testid': 'case-assignee' }, assigneeName(c.assignee, users)),
        h('span', { class: 'subtle' }, t('cases.opened', { when: formatRelative(c.createdAt) })),
      ),
    ),
  );
}

/** The manager's controls on the case page; `onChange(updatedCase, message)` redraws the page. */
export function caseControls(c, { users, onChange, onError }) {
  const update = async (changes, message) => {
    try {
      onChange(await patch(`/api/v1/cases/${c.id}`, changes), message);
    } catch (error) {
      onError(error);
    }
  };
  const known = users.some((u) => u.email.toLowerCase() === (c.assignee ?? '').toLowerCase());
  const assignee = h(
    'select',
    { name: 'assignee', 'aria-label': t('cases.assignee'), 'data-testid': 'assignee' },
    h('option', { value: '', selected: !c.assignee }, t('cases.unassigned')),
    // Someone assigned through the API by a name that is no user stays selectable as they are.
    c.assignee && !known ? h('option', { value: c.assignee, selected: true }, c.assignee) : null,
    users.map((u) =>
      h(
        'option',
        { value: u.email, selected: u.email.toLowerCase() === (c.assignee ?? '').toLowerCase() },
        u.name ? `${u.name} (${u.email})` : u.email,
      ),
    ),
  );
  const status = h(
    'select',
    { 'aria-label': t('cases.statusLabel'), 'data-testid': 'status-select' },
    STATUSES.map((s) => h('option', { value: s, selected: s === c.status }, t(`cases.status.${s}`))),
  );
  const note = h('textarea', { rows: '3', placeholder: t('cases.notePlaceholder'), 'aria-label': t('cases.note'), 'data-testid': 'note' });
  return h(
    'div',
    { class: 'case-controls' },
    h(
      'form',
      { class: 'inline-form', onsubmit: (e) => (e.preventDefault(), update({ assignee: assignee.value || null }, t('cases.assigned'))) },
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

/** Where the answer was given: its touchpoint's name, or "Relationship survey" for an answer about the whole journey. */
function whereLabel(c, touchpoints) {
  if (c.response?.kind === 'relationship') return t('cases.relationship');
  return touchpoints.get(c.touchpointId) ?? t('cases.unknownTouchpoint');
}
