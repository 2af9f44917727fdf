// Closed loop: the cases list. Compact rows (each opens its case page),
// filters in the URL (touchpoint, assignee, overdue, text), tabs per status
// with their counts under the same filters, and more rows on demand.
import { get, patch } from '../api.js';
import { caseRow } from '../components/case-card.js';
import { field, submitting } from '../components/forms.js';
import { formValues, h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { emptyState, pageHeader } from '../layout.js';
import { href, updateQuery } from '../router.js';
import { can } from '../session.js';

const TABS = ['open', 'in_progress', 'resolved'];
const PAGE = 25;
// The URL's assignee value for "nobody" (emails always contain @).
const NOBODY = 'none';

/** The page's URL query as the API's filters. */
export function caseFilters(query) {
  return {
    touchpointId: query.touchpoint || undefined,
    assignee: query.assignee && query.assignee !== NOBODY ? query.assignee : undefined,
    unassigned: query.assignee === NOBODY ? 'true' : undefined,
    overdue: query.overdue === 'true' ? 'true' : undefined,
    q: query.q?.trim() || undefined,
  };
}

export async function casesPage(view, _params, query) {
  const status = TABS.includes(query.status) ? query.status : 'open';
  const filters = caseFilters(query);
  // Open work in the order to call people back: the earliest deadline (so every overdue case) first.
  const sort = status === 'resolved' ? 'newest' : 'due';
  const [cases, counts, touchpoints, users, settings] = await Promise.all([
    get('/api/v1/cases', { ...filters, status, sort, limit: PAGE }),
    get('/api/v1/cases/counts', filters),
    get('/api/v1/touchpoints'),
    can('manager') ? get('/api/v1/users').catch(() => ({ data: [] })) : { data: [] },
    can('admin') ? get('/api/v1/case-settings') : null,
  ]);
  const context = { touchpoints: new Map(touchpoints.data.map((tp) => [tp.id, tp.name])), users: users.data };
  const list = h(
    'ul',
    { class: 'case-rows', 'data-testid': 'case-rows' },
    cases.data.map((c) => caseRow(c, context)),
  );
  const more = h('div', { class: 'more' });
  const showMore = (cursor) => {
    mount(
      more,
      cursor &&
        h(
          'button',
          {
            class: 'btn',
            'data-testid': 'more-cases',
            onclick: async (e) => {
              e.target.disabled = true;
              const next = await get('/api/v1/cases', { ...filters, status, sort, limit: PAGE, cursor });
              list.append(...next.data.map((c) => caseRow(c, context)));
              showMore(next.nextCursor);
            },
          },
          t('cases.more'),
        ),
    );
  };
  showMore(cases.nextCursor);
  mount(
    view,
    pageHeader(
      t('cases.title'),
      counts.overdue
        ? h('span', { class: 'badge badge-danger', 'data-testid': 'overdue-count' }, t('cases.overdueCount', { n: counts.overdue }))
        : null,
    ),
    filterBar(query, touchpoints.data, users.data),
    h(
      'nav',
      { class: 'tabs', 'aria-label': t('cases.statusLabel') },
      TABS.map((s) =>
        h(
          'a',
          {
            class: ['tab', s === status && 'active'],
            href: href('/cases', { ...query, status: s }),
            'aria-current': s === status ? 'page' : null,
            'data-testid': `tab-${s}`,
          },
          t(`cases.status.${s}`),
          ' ',
          h('span', { class: 'tab-count', 'data-testid': `count-${s}` }, String(counts[s])),
        ),
      ),
    ),
    cases.data.length ? list : emptyState(t('cases.none')),
    more,
    settings && settingsForm(settings),
  );
}

function filterBar(query, touchpoints, users) {
  const select = (name, options, current, label) =>
    h(
      'select',
      { name, 'aria-label': label, 'data-testid': `filter-${name}`, onchange: (e) => updateQuery({ [name]: e.target.value || undefined }) },
      options.map(([value, text]) => h('option', { value, selected: value === (current ?? '') }, text)),
    );
  const search = h('input', {
    type: 'search',
    name: 'q',
    value: query.q ?? '',
    placeholder: t('cases.searchPlaceholder'),
    'data-testid': 'filter-q',
  });
  return h(
    'div',
    { class: 'filters case-filters', role: 'group', 'aria-label': t('filter.label') },
    field(
      t('survey.touchpoint'),
      select('touchpoint', [['', t('cases.all')], ...touchpoints.map((tp) => [tp.id, tp.name])], query.touchpoint, t('survey.touchpoint')),
    ),
    field(
      t('cases.assignee'),
      select(
        'assignee',
        [
          ['', t('cases.anyone')],
          [NOBODY, t('cases.unassigned')],
          ...users.filter((u) => u.enabled).map((u) => [u.email, u.name ?? u.email]),
          // A filter from a shared link keeps showing what it filters by.
          ...(query.assignee && query.assignee !== NOBODY && !users.some((u) => u.email === query.assignee)
            ? [[query.assignee, query.assignee]]
            : []),
        ],
        query.assignee,
        t('cases.assignee'),
      ),
    ),
    h(
      'label',
      { class: 'check' },
      h('input', {
        type: 'checkbox',
        checked: query.overdue === 'true',
        'data-testid': 'filter-overdue',
        onchange: (e) => updateQuery({ overdue: e.target.checked ? 'true' : undefined }),
      }),
      h('span', {}, t('cases.onlyOverdue')),
    ),
    h(
      'form',
      { class: 'case-search', role: 'search', onsubmit: (e) => (e.preventDefault(), updateQuery({ q: search.value.trim() || undefined })) },
      field(t('cases.search'), search),
    ),
  );
}

/** Admins: the SLA of new cases, and whether an answer edited out of the alert's range resolves its case. */
function settingsForm(settings) {
  const errors = h('div');
  const saved = h('div', { role: 'status' });
  const form = h(
    'form',
    {
      class: 'card case-settings',
      'data-testid': 'case-settings',
      onsubmit: (e) => (
        e.preventDefault(),
        submitting(form, errors, async () => {
          const values = formValues(form);
          await patch('/api/v1/case-settings', { slaHours: Number(values.slaHours), autoResolve: values.autoResolve });
          mount(saved, h('div', { class: 'alert alert-ok' }, t('cases.settingsSaved')));
        })
      ),
    },
    h('h2', { class: 'card-title' }, t('cases.settings')),
    field(
      t('cases.slaHours'),
      h('input', { name: 'slaHours', type: 'number', min: '1', max: '8760', required: true, value: String(settings.slaHours) }),
      t('cases.slaHint'),
    ),
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', name: 'autoResolve', checked: settings.autoResolve, 'data-testid': 'auto-resolve' }),
      h('span', {}, t('cases.autoResolve')),
    ),
    h('button', { class: 'btn', type: 'submit', 'data-testid': 'save-case-settings' }, t('common.save')),
    errors,
    saved,
  );
  return form;
}
