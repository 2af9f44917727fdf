// One touchpoint in depth: score over time with its 95% band, the answer
// distribution by bucket, the previous period, response rate and comments.
import { get, withQuery } from '../api.js';
import { chartLibrary, distributionBars, scoreOverTime } from '../charts.js';
import { commentItem, commentsPanel } from '../components/comments.js';
import { byEffect, verdictText } from '../components/improvement-verdict.js';
import { loadFilterOptions } from '../components/filter-options.js';
import { filterBar, rangeOf, scoreParams } from '../components/filters.js';
import { kpiRow } from '../components/kpis.js';
import { qrPanel } from '../components/qr-panel.js';
import { segmentCompare } from '../components/segment-compare.js';
import { themeImpact } from '../components/theme-impact.js';
import { h, mount } from '../dom.js';
import { metricLabel } from '../format.js';
import { formatDate, t } from '../i18n.js';
import { emptyState } from '../layout.js';
import { href } from '../router.js';

export async function touchpointPage(view, { id }, query) {
  const requests = Promise.all([
    get(`/api/v1/touchpoints/${encodeURIComponent(id)}`),
    get('/api/v1/surveys', { touchpointId: id }),
    loadFilterOptions(),
    // The page still shows its scores when the improvements cannot be read.
    get('/api/v1/improvements', { touchpointId: id }).catch(() => ({ data: [] })),
  ]);
  const charts = chartLibrary(); // once the requests are out (see the journey map)
  const [tp, surveys, options, improvements] = await requests;
  // Oldest launch first: the chart numbers its markers in time order.
  const launches = improvements.data
    .filter((i) => i.launchedAt)
    .sort((a, b) => Date.parse(a.launchedAt) - Date.parse(b.launchedAt))
    .map((i) => ({ at: i.launchedAt, title: i.title }));
  const journey = await get(`/api/v1/journeys/${tp.journeyId}`);
  const stage = journey.stages.find((s) => s.id === tp.stageId);
  const metrics = [...new Set(surveys.data.map((s) => s.metric))];
  const metric = metrics.includes(query.metric) ? query.metric : metrics[0];
  const params = scoreParams(query);
  const linkQuery = { since: query.since, until: query.until, seg: query.seg, persona: query.persona };
  const header = h(
    'div',
    { class: 'page-header' },
    h(
      'div',
      {},
      h(
        'nav',
        { class: 'breadcrumb', 'aria-label': t('tp.breadcrumb') },
        h('a', { href: href(`/journeys/${journey.id}`, linkQuery) }, journey.name),
        ' › ',
        stage?.name ?? '',
      ),
      h('h1', {}, tp.name, ' ', metric && h('span', { class: `metric metric-${metric}` }, metricLabel(metric))),
      h('div', { class: 'subtle' }, t(`channel.${tp.channel}`), ' · ', tp.key),
    ),
    h(
      'div',
      { class: 'page-actions' },
      h(
        'a',
        { class: 'btn btn-ghost', href: csvHref(id, query), download: 'responses.csv', 'data-testid': 'csv-export' },
        t('tp.exportCsv'),
      ),
      surveys.data.map((s) =>
        h(
          'a',
          { class: 'btn btn-ghost', href: href('/settings/surveys', { survey: s.id }), 'data-testid': 'survey-link' },
          t('tp.surveyLink', { metric: metricLabel(s.metric), event: s.trigger.event }),
        ),
      ),
    ),
  );
  if (!metric) return mount(view, header, emptyState(t('tp.noSurvey')));

  const [scores, linked] = await Promise.all([
    get('/api/v1/scores', { touchpointId: id, metric, interval: intervalFor(rangeOf(query).days), ...params }),
    // A permalink (?response=…, e.g. Delighted's `permalink`) opens this page on one answer, shown first.
    query.response ? get(`/api/v1/responses/${encodeURIComponent(query.response)}`).catch(() => null) : null,
  ]);
  const overTime = h('canvas', { role: 'img', 'aria-label': t('tp.overTime') });
  const bars = h('canvas', { role: 'img', 'aria-label': t('tp.distribution') });
  mount(
    view,
    header,
    linked && linkedAnswer(linked),
    filterBar(query, options),
    kpiRow(metric, scores),
    h(
      'div',
      { class: 'two-col' },
      h(
        'div',
        { class: 'card' },
        h('h2', { class: 'card-title' }, t('tp.overTime')),
        h('p', { class: 'card-sub' }, t('tp.bandNote')),
        h('div', { class: 'chart chart-tall' }, overTime),
        launches.length > 0 &&
          h(
            'ol',
            { class: 'launch-legend', 'aria-label': t('imp.markerLegend'), 'data-testid': 'launch-legend' },
            launches.map((l) => h('li', { 'data-testid': 'launch-marker' }, t('imp.marker', { title: l.title, date: formatDate(l.at) }))),
          ),
      ),
      h(
        'div',
        { class: 'card' },
        h('h2', { class: 'card-title' }, t('tp.distribution')),
        h('p', { class: 'card-sub' }, t(`tp.buckets.${metric}`)),
        h('div', { class: 'chart chart-tall' }, bars),
      ),
    ),
    segmentCompare({ touchpointId: id, metric, params, segments: options.segments }),
    themeImpact(id, metric, params),
    commentsPanel(id, metric, params),
    improvementsCard(improvements.data),
    qrPanel(id, tp.key),
  );
  await charts;
  if (!view.isConnected) return; // the visitor moved on while Chart.js loaded
  scoreOverTime(overTime, metric, scores.series, launches);
  distributionBars(bars, metric, scores.distribution ?? []);
}

/** The answer a permalink points at: the comment list's item, on its own card at the top. */
function linkedAnswer(response) {
  const item = commentItem(response.metric, { ...response, comment: response.comment ?? '' }, new Map());
  return h(
    'div',
    { class: 'card card-linked', 'data-testid': 'linked-answer', dataset: { responseId: response.id } },
    h('h2', { class: 'card-title' }, t('tp.linkedAnswer')),
    h('ul', { class: 'comments' }, item),
  );
}

/** The touchpoint's improvements with their verdicts, linking to the Improvements page. */
function improvementsCard(items) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'tp-improvements-title', 'data-testid': 'tp-improvements' },
    h('h2', { class: 'card-title', id: 'tp-improvements-title' }, t('imp.tpTitle')),
    items.length
      ? h(
          'ul',
          { class: 'tp-improvement-list' },
          [...items]
            .sort(byEffect)
            .map((item) =>
              h(
                'li',
                { 'data-testid': 'tp-improvement' },
                h('strong', {}, item.title),
                ' · ',
                t(`imp.status.${item.status}`),
                ' · ',
                verdictText(item),
              ),
            ),
        )
      : h('p', { class: 'empty' }, t('imp.tpNone')),
    h('a', { href: href('/improvements'), 'data-testid': 'tp-improvements-link' }, t('imp.tpAll')),
  );
}

/**
 * The period's answers as CSV (GET /responses.csv, with the session cookie): the page's days as instants of the
 * browser's zone, as the scores read them. The CSV takes no segment or persona filter: it has every answer.
 */
export function csvHref(touchpointId, query) {
  const { since, until } = rangeOf(query);
  const instant = (day) => {
    const [y, m, d] = day.split('-').map(Number);
    return new Date(y, m - 1, d).toISOString();
  };
  return withQuery('/api/v1/responses.csv', { touchpointId, since: instant(since), until: instant(until) });
}

/** Enough answers per point to mean something: days for a month, weeks up to ~9 months, then months. */
export function intervalFor(days) {
  return days <= 31 ? 'day' : days <= 270 ? 'week' : 'month';
}
