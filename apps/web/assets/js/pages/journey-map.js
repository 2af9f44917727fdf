// The journey map: stages as columns in order, touchpoint cards, and the
// emotion curve across the stages drawn above them. Managers reach the editor
// from here, and an empty workspace starts with the new-journey form.
import { get } from '../api.js';
import { emotionCurve } from '../charts.js';
import { filterBar, scoreParams } from '../components/filters.js';
import { newJourneyForm } from '../components/journey-forms.js';
import { scoreLegend } from '../components/score-legend.js';
import { touchpointCard } from '../components/touchpoint-card.js';
import { loadFilterOptions } from '../components/filter-options.js';
import { h, mount } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { emptyState, pageHeader } from '../layout.js';
import { href, navigate, parseHash } from '../router.js';
import { can } from '../session.js';
import { createJourney } from './journey-editor.js';

/** #/journeys: opens the first journey's map. */
export async function journeysIndex(view) {
  const { data } = await get('/api/v1/journeys');
  if (!data.length) {
    return mount(
      view,
      pageHeader(t('map.title')),
      can('manager')
        ? [h('p', { class: 'hint' }, t('map.startHere')), newJourneyForm(createJourney)]
        : emptyState(t('map.noJourneysViewer')),
    );
  }
  // Only if nobody went elsewhere while the list loaded (a link followed right after signing in).
  if (parseHash().path === '/journeys') navigate(`/journeys/${data[0].id}`, {}, { replace: true });
}

export async function journeyMap(view, { id }, query) {
  const [journeys, map, options] = await Promise.all([
    get('/api/v1/journeys'),
    get(`/api/v1/journeys/${encodeURIComponent(id)}/map`, scoreParams(query)),
    loadFilterOptions(),
  ]);
  const linkQuery = { since: query.since, until: query.until, seg: query.seg, persona: query.persona };
  const picker =
    journeys.data.length > 1
      ? h(
          'select',
          { 'aria-label': t('map.journey'), onchange: (e) => navigate(`/journeys/${e.target.value}`, linkQuery) },
          journeys.data.map((j) => h('option', { value: j.id, selected: j.id === id }, j.name)),
        )
      : null;
  const curve = h('canvas', { 'aria-label': t('map.emotionCurve'), role: 'img' });
  const stages = map.stages;
  const cards = [];
  const columns = stages.map((stage) =>
    h(
      'section',
      { class: 'stage', 'data-testid': 'stage', dataset: { stageId: stage.id } },
      h('header', { class: 'stage-head' }, h('h2', {}, stage.name), h('span', { class: 'stage-n' }, `n = ${formatNumber(stage.n, 0)}`)),
      stage.touchpoints.length
        ? stage.touchpoints.map((tp) => {
            const card = touchpointCard(tp, linkQuery);
            cards.push(card);
            return card;
          })
        : h('div', { class: 'tp-card tp-empty' }, t('map.noTouchpoints')),
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
          h(
            'div',
            { class: 'curve-labels' },
            stages.map((s) => h('span', {}, s.name)),
          ),
          grid,
        ),
      ),
    ),
    metrics.length ? scoreLegend(metrics) : null,
    h('p', { class: 'hint' }, t('map.hint')),
  );
  emotionCurve(curve, stages);
  for (const card of cards) card.drawSparkline();
}
