// The journey map: stages as columns in order, touchpoint cards, and the
// emotion curve across the stages drawn above them. Managers reach the editor
// from here, and an empty workspace starts with the new-journey form.
import { get } from '../api.js';
import { chartLibrary, emotionCurve } from '../charts.js';
import { filterBar, scoreParams } from '../components/filters.js';
import { scoreLegend } from '../components/score-legend.js';
import { touchpointCard } from '../components/touchpoint-card.js';
import { h, mount } from '../dom.js';
import { signed } from '../format.js';
import { formatNumber, t } from '../i18n.js';
import { emptyState, pageHeader } from '../layout.js';
import { href, navigate, parseHash } from '../router.js';
import { can } from '../session.js';

/** #/journeys: opens the first journey's map. */
export async function journeysIndex(view) {
  const { data } = await get('/api/v1/journeys');
  if (!data.length) {
    if (!can('manager')) return mount(view, pageHeader(t('map.title')), emptyState(t('map.noJourneysViewer')));
    // The editor's code only for an empty workspace: the map's first load does without its five modules.
    const [{ createJourney }, { newJourneyForm }] = await Promise.all([
      import('./journey-editor.js'),
      import('../components/journey-forms.js'),
    ]);
    return mount(view, pageHeader(t('map.title')), h('p', { class: 'hint' }, t('map.startHere')), newJourneyForm(createJourney));
  }
  // Only if nobody went elsewhere while the list loaded (a link followed right after signing in).
  if (parseHash().path === '/journeys') navigate(`/journeys/${data[0].id}`, {}, { replace: true });
}

export async function journeyMap(view, { id }, query) {
  // One request for the map, the journey picker and the filter choices (GET /journeys/:id/map and three more in one).
  const request = get(`/api/v1/dashboard/map-view/${encodeURIComponent(id)}`, scoreParams(query));
  // Only once the request is out: running Chart.js's 200 KB holds the page's thread for a while.
  const charts = chartLibrary();
  const { map, journeys, filters: options, stageThemes = [] } = await request;
  const themesOf = new Map(stageThemes.map((s) => [s.stageId, s]));
  const linkQuery = { since: query.since, until: query.until, seg: query.seg, persona: query.persona };
  const picker =
    journeys.length > 1
      ? h(
          'select',
          { 'aria-label': t('map.journey'), onchange: (e) => navigate(`/journeys/${e.target.value}`, linkQuery) },
          journeys.map((j) => h('option', { value: j.id, selected: j.id === id }, j.name)),
        )
      : null;
  const curve = h('canvas', { 'aria-label': t('map.emotionCurve'), role: 'img' });
  const stages = map.stages;
  const columns = stages.map((stage) =>
    h(
      'section',
      { class: 'stage', 'data-testid': 'stage', dataset: { stageId: stage.id } },
      h('header', { class: 'stage-head' }, h('h2', {}, stage.name), h('span', { class: 'stage-n' }, `n = ${formatNumber(stage.n, 0)}`)),
      stage.touchpoints.length
        ? stage.touchpoints.map((tp) => touchpointCard(tp, linkQuery))
        : h('div', { class: 'tp-card tp-empty' }, t('map.noTouchpoints')),
      stageThemeList(themesOf.get(stage.id)),
    ),
  );
  const grid = h('div', { class: 'stage-grid', style: { '--stages': String(Math.max(stages.length, 1)) } }, columns);
  const editing = can('manager')
    ? [
        h('a', { class: 'btn btn-ghost', href: href(`/journeys/${id}/edit`), 'data-testid': 'edit-map' }, t('map.edit')),
        h('a', { class: 'btn btn-ghost', href: href('/journeys/new'), 'data-testid': 'new-journey' }, t('map.newJourney')),
      ]
    : null;
  const present = new Set(stages.flatMap((s) => s.touchpoints.map((tp) => tp.metric)));
  const metrics = ['nps', 'csat', 'ces'].filter((m) => present.has(m));
  mount(
    view,
    pageHeader(map.journey.name, picker, editing),
    filterBar(query, options),
    h(
      'div',
      { class: 'card map-card' },
      h(
        'div',
        { class: 'curve-head' },
        h('h2', { class: 'card-title' }, t('map.emotionCurve')),
        h(
          'span',
          { class: 'legend' },
          h('span', { class: 'legend-up' }, t('map.delighted')),
          ' / ',
          h('span', { class: 'legend-down' }, t('map.frustrated')),
        ),
      ),
      h(
        'div',
        { class: 'curve-scroll' },
        h(
          'div',
          { class: 'curve-inner', style: { '--stages': String(Math.max(stages.length, 1)) } },
          h('div', { class: 'curve' }, curve),
          curveLabels(stages),
          grid,
        ),
      ),
    ),
    metrics.length ? scoreLegend(metrics) : null,
    h('p', { class: 'hint' }, t('map.hint')),
  );
  await charts;
  if (!view.isConnected) return; // the visitor moved on while Chart.js loaded
  emotionCurve(curve, stages);
  // What the first-load test measures (issue 20: the map drawn in under a second).
  performance.mark('cairn:map-drawn');
}

/** Under a stage's touchpoints: what its comments talk about most, and what each theme costs or earns. */
function stageThemeList(stage) {
  if (!stage?.themes.length) return null;
  return h(
    'div',
    { class: 'stage-themes', 'data-testid': 'stage-themes' },
    h('h3', {}, t('map.stageThemes')),
    h(
      'ul',
      {},
      stage.themes.map((theme) =>
        h(
          'li',
          { 'data-testid': 'stage-theme', dataset: { theme: theme.theme } },
          h('span', { class: 'stage-theme-name' }, theme.name),
          ' ',
          h(
            'span',
            { class: ['stage-theme-figures', theme.impact < 0 ? 'stage-theme-cost' : 'stage-theme-gain'] },
            t('map.stageTheme', { n: formatNumber(theme.mentions, 0), impact: signed(theme.impact) }),
          ),
        ),
      ),
    ),
  );
}

/**
 * The stage names under the curve on narrow screens (on wide ones the stage columns below name them). A column can be
 * narrower than its name, so the labels alternate between two rows and each may take a whole column's width on both
 * sides of its own (half-columns in the grid): neighbours in a row are two columns apart and never overlap.
 */
function curveLabels(stages) {
  const n = stages.length;
  return h(
    'div',
    { class: 'curve-labels', 'aria-hidden': 'true', style: { '--half-columns': String(Math.max(2 * n, 2)) } },
    stages.map((s, i) =>
      h(
        'span',
        {
          class: ['curve-label', n > 1 && i === 0 && 'curve-label-first', n > 1 && i === n - 1 && 'curve-label-last'],
          style: { gridColumn: `${Math.max(1, 2 * i)} / ${Math.min(2 * n + 1, 2 * i + 4)}`, gridRow: String((i % 2) + 1) },
          'data-testid': 'curve-label',
        },
        s.name,
      ),
    ),
  );
}
