// Latest comments of a touchpoint with bucket tabs, theme and sentiment
// filters and a text search; it reloads only itself when a filter changes.
// Each comment shows its sentiment in words and its themes, the theme words
// marked in the text (ranges the API computes with the workspace's themes).
import { get } from '../api.js';
import { h, mount } from '../dom.js';
import { bandOf, bucketLabel } from '../format.js';
import { formatRelative, t } from '../i18n.js';
import { answerChip } from './score-chip.js';
import { tabList } from './tabs.js';

const BANDS = ['all', 'low', 'mid', 'high'];
const PAGE = 10;
const MAX = 50;
const SENTIMENTS = ['negative', 'neutral', 'positive'];
const SENTIMENT_ICONS = { positive: '☺', neutral: '–', negative: '☹' };

export function commentsPanel(touchpointId, metric, params) {
  const state = { band: 'all', q: '', theme: '', sentiment: '', limit: PAGE };
  const themeNames = new Map();
  const themeSelect = h(
    'select',
    {
      'aria-label': t('comments.theme'),
      'data-testid': 'comment-theme',
      onchange: () => ((state.theme = themeSelect.value), (state.limit = PAGE), load()),
    },
    h('option', { value: '' }, t('comments.anyTheme')),
  );
  const sentimentSelect = h(
    'select',
    {
      'aria-label': t('comments.sentiment'),
      'data-testid': 'comment-sentiment',
      onchange: () => ((state.sentiment = sentimentSelect.value), (state.limit = PAGE), load()),
    },
    h('option', { value: '' }, t('comments.anySentiment')),
    SENTIMENTS.map((s) => h('option', { value: s }, t(`sentiment.${s}`))),
  );
  const themesLoaded = get('/api/v1/themes')
    .then(({ data }) => {
      for (const theme of data) themeNames.set(theme.key, theme.name.en);
      themeSelect.append(...data.map((theme) => h('option', { value: theme.key }, theme.name.en)));
    })
    .catch(() => {}); // without the names the chips show keys; the list itself still loads
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
        theme: state.theme || undefined,
        sentiment: state.sentiment || undefined,
        limit: state.limit,
      });
      await themesLoaded;
      // An older, slower answer must not overwrite the newer filter's result.
      if (seq !== latest) return;
      mount(list, data.length ? data.map((c) => commentItem(metric, c, themeNames)) : h('li', { class: 'empty' }, t('comments.none')));
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
      h('div', { class: 'card-tools' }, tabs, themeSelect, sentimentSelect, search),
    ),
    panel,
    h('div', { class: 'more' }, more),
  );
}

export function commentItem(metric, c, themeNames) {
  const band = bandOf(metric, c.score);
  return h(
    'li',
    { class: 'comment', 'data-testid': 'comment', dataset: { band } },
    answerChip(metric, c.score, { title: bucketLabel(metric, band), 'data-testid': 'comment-score' }),
    h(
      'div',
      { class: 'comment-body' },
      h('p', { 'data-testid': 'comment-text' }, highlighted(c.comment, c.analysis?.mentions ?? [], themeNames)),
      c.analysis
        ? h(
            'div',
            { class: 'comment-analysis' },
            sentimentBadge(c.analysis.sentiment.label),
            c.analysis.themes.map((key) =>
              h('span', { class: 'theme-chip', 'data-testid': 'comment-theme-chip', dataset: { theme: key } }, themeNames.get(key) ?? key),
            ),
          )
        : null,
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
        ' · ',
        // Where the answer came from: an email, the widget, a QR code on a poster, the kiosk at the exit…
        h('span', { class: 'comment-source', 'data-testid': 'comment-source', dataset: { source: c.source } }, sourceLabel(c.source)),
        ` · ${formatRelative(c.createdAt)}`,
        c.caseId ? [' · ', h('a', { href: `#/cases/${c.caseId}`, 'data-testid': 'comment-case' }, t('comments.case'))] : null,
      ),
    ),
  );
}

function sourceLabel(source) {
  const key = `source.${source}`;
  const text = t(key);
  return text === key ? source : text;
}

/** The sentiment as an icon and a word: the colour only repeats what the text says. */
function sentimentBadge(label) {
  return h(
    'span',
    { class: `sentiment-badge sentiment-${label}`, 'data-testid': 'comment-sentiment-label', dataset: { sentiment: label } },
    h('span', { 'aria-hidden': 'true' }, SENTIMENT_ICONS[label] ?? ''),
    ' ',
    t(`sentiment.${label}`),
  );
}

/**
 * The comment with its theme mentions in <mark>. The API's ranges are on the NFC form of the text; overlapping
 * ranges (a phrase and a word in it) are merged so each character is marked once.
 */
export function highlighted(text, mentions, themeNames = new Map()) {
  const normal = text.normalize('NFC');
  const merged = [];
  for (const m of [...mentions].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && m.start <= last.end) {
      last.end = Math.max(last.end, m.end);
      if (!last.themes.includes(m.theme)) last.themes.push(m.theme);
    } else merged.push({ start: m.start, end: m.end, themes: [m.theme] });
  }
  const parts = [];
  let at = 0;
  for (const m of merged) {
    if (m.start < at || m.end > normal.length) continue;
    parts.push(normal.slice(at, m.start));
    parts.push(
      h('mark', { class: 'theme-mark', title: m.themes.map((key) => themeNames.get(key) ?? key).join(', ') }, normal.slice(m.start, m.end)),
    );
    at = m.end;
  }
  parts.push(normal.slice(at));
  return parts;
}
