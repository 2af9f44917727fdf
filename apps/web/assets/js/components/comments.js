// Latest comments of a touchpoint with bucket tabs and a text search; it
// reloads only itself when a filter changes.
import { get } from '../api.js';
import { h, mount } from '../dom.js';
import { bandOf, bucketLabel } from '../format.js';
import { formatRelative, t } from '../i18n.js';
import { answerChip } from './score-chip.js';
import { tabList } from './tabs.js';

const BANDS = ['all', 'low', 'mid', 'high'];
const PAGE = 10;
const MAX = 50;

export function commentsPanel(touchpointId, metric, params) {
  const state = { band: 'all', q: '', limit: PAGE };
  const more = h(
    'button',
    {
      class: 'btn btn-ghost',
      hidden: true,
      'data-testid': 'more-comments',
      onclick: () => ((state.limit = Math.min(MAX, state.limit + PAGE)), load()),
    },
    t('comments.more'),
  );
  const list = h('ul', { class: 'comments', 'data-testid': 'comments' });
  // The tabs' panel wraps the list: a <ul> that is a tabpanel would no longer be a list to assistive technology.
  const panel = h('div', { 'data-testid': 'comments-panel' }, list);
  let timer = null;
  const search = h('input', {
    type: 'search',
    placeholder: t('comments.search'),
    'aria-label': t('comments.search'),
    'data-testid': 'comment-search',
    oninput: () => {
      clearTimeout(timer);
      timer = setTimeout(() => ((state.q = search.value.trim()), (state.limit = PAGE), load()), 250);
    },
  });
  const tabs = tabList({
    label: t('comments.filter'),
    selected: state.band,
    tabs: BANDS.map((band) => ({
      key: band,
      label: band === 'all' ? t('comments.all') : bucketLabel(metric, band),
      panel,
      testid: `comments-${band}`,
    })),
    onSelect: (band) => ((state.band = band), (state.limit = PAGE), load()),
  });
  let latest = 0;
  async function load() {
    const seq = ++latest;
    list.setAttribute('aria-busy', 'true');
    try {
      const { data } = await get('/api/v1/dashboard/comments', {
        ...params,
        touchpointId,
        metric,
        band: state.band === 'all' ? undefined : state.band,
        q: state.q || undefined,
        limit: state.limit,
      });
      // An older, slower answer must not overwrite the newer filter's result.
      if (seq !== latest) return;
      mount(list, data.length ? data.map((c) => commentItem(metric, c)) : h('li', { class: 'empty' }, t('comments.none')));
      more.hidden = data.length < state.limit || state.limit >= MAX;
    } catch (error) {
      mount(list, h('li', { class: 'alert alert-error' }, error.message));
    } finally {
      list.removeAttribute('aria-busy');
    }
  }
  void load();
  return h(
    'div',
    { class: 'card' },
    h(
      'div',
      { class: 'card-head' },
      h('h2', { class: 'card-title' }, t('comments.title')),
      h('div', { class: 'card-tools' }, tabs, search),
    ),
    panel,
    h('div', { class: 'more' }, more),
  );
}

function commentItem(metric, c) {
  const band = bandOf(metric, c.score);
  return h(
    'li',
    { class: 'comment', 'data-testid': 'comment', dataset: { band } },
    answerChip(metric, c.score, { title: bucketLabel(metric, band), 'data-testid': 'comment-score' }),
    h(
      'div',
      { class: 'comment-body' },
      h('p', {}, c.comment),
      h(
        'div',
        { class: 'comment-meta' },
        // The person's page when the answer has one (widget answers without a signed visitor have none).
        c.person
          ? h(
              'a',
              { href: `#/people/${c.person.id}`, 'data-testid': 'comment-person' },
              c.person.name ?? c.person.email ?? t('comments.person'),
            )
          : t('comments.anonymous'),
        ` · ${formatRelative(c.createdAt)}`,
        c.caseId ? [' · ', h('a', { href: `#/cases/${c.caseId}`, 'data-testid': 'comment-case' }, t('comments.case'))] : null,
      ),
    ),
  );
}
