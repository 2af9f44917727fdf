// Closed loop: detractor cases by status, overdue ones first and highlighted.
import { get } from '../api.js';
import { caseCard } from '../components/case-card.js';
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { emptyState, pageHeader } from '../layout.js';
import { href } from '../router.js';
import { can } from '../session.js';

const TABS = ['open', 'in_progress', 'resolved'];

export async function casesPage(view, _params, query) {
  const status = TABS.includes(query.status) ? query.status : 'open';
  const [cases, touchpoints, users] = await Promise.all([
    get('/api/v1/cases', { status, limit: 100 }),
    get('/api/v1/touchpoints'),
    can('manager') ? get('/api/v1/users').catch(() => ({ data: [] })) : { data: [] },
  ]);
  const names = new Map(touchpoints.data.map((tp) => [tp.id, tp.name]));
  // Overdue first, then the oldest due date: the order someone should call people back in.
  const due = (c) => (c.dueAt ? Date.parse(c.dueAt) : Number.POSITIVE_INFINITY);
  const rows = [...cases.data].sort((a, b) => Number(b.overdue) - Number(a.overdue) || due(a) - due(b));
  const overdue = rows.filter((c) => c.overdue).length;
  mount(
    view,
    pageHeader(
      t('cases.title'),
      overdue ? h('span', { class: 'badge badge-danger', 'data-testid': 'overdue-count' }, t('cases.overdueCount', { n: overdue })) : null,
    ),
    h(
      'div',
      { class: 'tabs', role: 'tablist' },
      TABS.map((s) =>
        h(
          'a',
          {
            class: ['tab', s === status && 'active'],
            role: 'tab',
            href: href('/cases', { status: s }),
            'aria-selected': String(s === status),
            'data-testid': `tab-${s}`,
          },
          t(`cases.status.${s}`),
        ),
      ),
    ),
    h(
      'datalist',
      { id: 'case-assignees' },
      users.data.filter((u) => u.enabled).map((u) => h('option', { value: u.name ? `${u.name} <${u.email}>` : u.email })),
    ),
    rows.length
      ? h(
          'div',
          { class: 'case-list' },
          rows.map((c) => caseCard(c, { touchpoints: names })),
        )
      : emptyState(t('cases.none')),
    cases.nextCursor ? h('p', { class: 'hint' }, t('cases.more')) : null,
  );
}
