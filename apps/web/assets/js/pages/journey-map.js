// The journey map: stages as columns in order, and per stage the lanes of a
// CX journey map (goal, actions, touchpoints with score and target, the
// emotion curve, comment themes, pain points), editable in place by managers.
// A persona is one click away, and two personas can be read side by side.
// Managers reach the editor from here, and an empty workspace starts with the
// new-journey form.
import { get, patch } from '../api.js';
import { chartLibrary, emotionCurve } from '../charts.js';
import { filterBar, scoreParams } from '../components/filters.js';
import { mapLanes } from '../components/map-lanes.js';
import { scoreLegend } from '../components/score-legend.js';
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { emptyState, pageHeader } from '../layout.js';
import { href, navigate, parseHash, resolve } from '../router.js';
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
  const params = scoreParams(query);
  const request = get(`/api/v1/dashboard/map-view/${encodeURIComponent(id)}`, params);
  // Only once the request is out: running Chart.js's 200 KB holds the page's thread for a while.
  const comparing = query.vs !== undefined && query.vs !== '';
  const charts = comparing ? null : chartLibrary();
  // The portrait's code only for a persona's map (the first load, everyone's map, does without it), fetched meanwhile.
  const portraits = query.persona ? import('../components/persona-card.js') : null;
  const { map, journeys, filters: options, stageThemes = [] } = await request;
  const personas = options.personas ?? [];
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
  const stages = map.stages;
  const manager = can('manager');
  const editing = manager
    ? [
        h('a', { class: 'btn btn-ghost', href: href(`/journeys/${id}/edit`), 'data-testid': 'edit-map' }, t('map.edit')),
        h('a', { class: 'btn btn-ghost', href: href('/journeys/new'), 'data-testid': 'new-journey' }, t('map.newJourney')),
      ]
    : null;
  const persona = personas.find((p) => p.id === query.persona) ?? null;
  const pickerQuery = { since: query.since, until: query.until, seg: query.seg, vs: query.vs };
  const personaBar = personas.length
    ? h(
        'div',
        { class: 'persona-bar' },
        personaPicker(personas, query.persona, `/journeys/${id}`, pickerQuery),
        comparing
          ? null
          : h(
              'a',
              {
                class: 'btn btn-ghost',
                href: href(`/journeys/${id}`, compareQuery(personas, linkQuery)),
                'data-testid': 'compare-personas',
              },
              t('persona.sideBySide'),
            ),
      )
    : null;
  const portrait = persona && portraits ? (await portraits).personaPortrait(persona) : null;
  // The persona filter is the row of links above the map here (one click), not the filter bar's drop-down.
  const filters = filterBar(query, { ...options, personas: [] });
  if (comparing) {
    const { personaCompare } = await import('../components/persona-compare.js');
    const compare = await personaCompare({ journeyId: id, personas, left: query.persona ?? '', right: query.vs, params, leftMap: map });
    return mount(view, pageHeader(map.journey.name, picker, editing), filters, personaBar, compare);
  }
  const { element: lanes, curve } = mapLanes(stages, { themesOf, linkQuery, edit: manager ? editor(view, id) : null });
  const sentiment = stages.some((s) => typeof s.sentiment === 'number');
  const present = new Set(stages.flatMap((s) => s.touchpoints.map((tp) => tp.metric)));
  const metrics = ['nps', 'csat', 'ces'].filter((m) => present.has(m));
  // The relationship score and the key drivers link, filled in once the map is drawn (relationship-trend.js).
  const relationship = h('span', { class: 'page-actions' });
  mount(
    view,
    pageHeader(map.journey.name, relationship, picker, editing),
    filters,
    personaBar,
    portrait,
    h(
      'div',
      { class: 'card map-card' },
      h(
        'div',
        { class: 'curve-head' },
        h('h2', { class: 'card-title' }, t('map.lanesTitle')),
        h(
          'span',
          { class: 'legend' },
          h('span', { class: 'legend-line legend-scores' }, t('map.scoreLine')),
          sentiment && h('span', { class: 'legend-line legend-sentiment', 'data-testid': 'sentiment-legend' }, t('map.sentimentLine')),
          h('span', { class: 'legend-up' }, t('map.delighted')),
          ' / ',
          h('span', { class: 'legend-down' }, t('map.frustrated')),
        ),
      ),
      h('div', { class: 'curve-scroll' }, lanes),
    ),
    metrics.length ? scoreLegend(metrics) : null,
    h('p', { class: 'hint' }, t('map.hint')),
  );
  refocus(view);
  await charts;
  if (!view.isConnected) return; // the visitor moved on while Chart.js loaded
  emotionCurve(curve, stages);
  // What the first-load test measures (issue 20: the map drawn in under a second).
  performance.mark('cairn:map-drawn');
  import('../components/relationship-trend.js').then(
    (m) => m.relationshipTrend(relationship, id),
    () => {},
  );
}

// After a touchpoint's target or owner is saved the map is read again (whether a target is met, and the pain points,
// follow from it); the focus goes back to the field that was edited.
let focusAfterRender = null;

function refocus(view) {
  if (!focusAfterRender) return;
  view.querySelector(focusAfterRender)?.focus();
  focusAfterRender = null;
}

/** What the lanes' in-place edits call: PATCH, then the stored record. */
function editor(view, id) {
  return {
    stage: (stage, changes) => patch(`/api/v1/stages/${encodeURIComponent(stage.id)}`, changes),
    touchpoint: async (tp, changes) => {
      const stored = await patch(`/api/v1/touchpoints/${encodeURIComponent(tp.id)}`, changes);
      const field = 'target' in changes ? 'target' : 'owner';
      focusAfterRender = `[data-testid=tp-layer][data-tp="${tp.id}"][data-metric="${tp.metric ?? ''}"] [data-testid=${field}-edit]`;
      // Redrawn into the same view, not through the router: no "Loading…" in between, and the page keeps its scroll.
      // A failed read falls back to the router's full render, which shows the error.
      journeyMap(view, { id }, parseHash().query).catch(() => resolve());
      return stored;
    },
  };
}

/** Side by side: the current persona against another one, or (with one persona only) everyone against it. */
function compareQuery(personas, linkQuery) {
  const other = personas.find((p) => p.id !== linkQuery.persona);
  return other ? { ...linkQuery, vs: other.id } : { ...linkQuery, persona: '', vs: linkQuery.persona };
}

/** The persona links: one click switches the map (the choice lives in the URL, as every filter does). */
function personaPicker(personas, current, path, query) {
  const option = (id, name) =>
    h(
      'a',
      {
        class: ['persona-option', (current ?? '') === id && 'active'],
        href: href(path, { ...query, persona: id }),
        'aria-current': (current ?? '') === id ? 'true' : null,
        'data-testid': 'persona-option',
        dataset: { personaId: id },
      },
      name,
    );
  return h(
    'nav',
    { class: 'persona-picker', 'aria-label': t('persona.picker'), 'data-testid': 'persona-picker' },
    h('span', { class: 'persona-picker-label', 'aria-hidden': 'true' }, t('filter.persona')),
    option('', t('filter.allCustomers')),
    personas.map((p) => option(p.id, p.name)),
  );
}
