// Key drivers of a journey: which touchpoints move the relationship score (importance × performance with the
// quadrants), what to fix first, and which comment themes go with lower relationship scores (issue 15).
import { ApiError, get } from '../api.js';
import { chartLibrary, customChart } from '../charts.js';
import { table } from '../components/forms.js';
import { h, mount } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { emptyState, pageHeader } from '../layout.js';
import { formatScore, metricLabel } from '../format.js';
import { href } from '../router.js';

const DAY = 86_400_000;
const PERIODS = [90, 180, 365];
// Quadrant colours from the dashboard's red–blue scale (colour-blind safe); the label is always written too.
const COLOURS = { fix_first: '#b2182b', keep_up: '#2166ac', monitor: '#d6604d', maintain: '#4393c3', none: '#8a8f98' };

export async function driversPage(view, { id }, query) {
  const days = PERIODS.includes(Number(query.days)) ? Number(query.days) : 90;
  const until = query.until ?? new Date(Math.ceil(Date.now() / DAY) * DAY).toISOString();
  const since = query.since ?? new Date(Date.parse(until) - days * DAY).toISOString();
  chartLibrary();
  const journey = await get(`/api/v1/journeys/${encodeURIComponent(id)}`);
  const back = h('a', { class: 'btn btn-ghost', href: href(`/journeys/${id}`) }, t('drv.backToMap'));
  const periodLinks = h(
    'nav',
    { class: 'period-links', 'aria-label': t('drv.period') },
    PERIODS.map((d) =>
      h(
        'a',
        {
          class: ['btn', d === days ? 'btn-primary' : 'btn-ghost'],
          href: href(`/journeys/${id}/drivers`, { days: d }),
          'aria-current': d === days ? 'page' : null,
        },
        t('drv.lastDays', { days: d }),
      ),
    ),
  );
  let data;
  try {
    data = await get(`/api/v1/journeys/${encodeURIComponent(id)}/drivers`, { since, until });
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) {
      return mount(view, pageHeader(t('drv.title', { journey: journey.name }), back), emptyState(t('drv.noSurvey')));
    }
    throw error;
  }
  const { outcome } = data;
  const placed = data.drivers.filter((d) => d.quadrant);
  const fixFirst = data.drivers.filter((d) => d.quadrant === 'fix_first');
  const canvas = h('canvas', { role: 'img', 'aria-label': t('drv.chartLabel') });

  mount(
    view,
    pageHeader(t('drv.title', { journey: journey.name }), periodLinks, back),
    h('p', { class: 'hint' }, t('drv.intro', { days: data.windowDays })),
    h(
      'div',
      { class: 'card', 'data-testid': 'drivers-outcome' },
      h(
        'p',
        {},
        t('drv.outcome', {
          metric: metricLabel(outcome.metric),
          score: formatScore(outcome.metric, outcome.score),
          n: outcome.n,
          matched: outcome.matched,
        }),
      ),
      outcome.r2 !== null && h('p', { class: 'subtle' }, t('drv.r2', { r2: formatNumber(outcome.r2 * 100, 0) })),
    ),
    data.drivers.length === 0 || outcome.matched === 0
      ? emptyState(t('drv.noData'))
      : [
          h(
            'div',
            { class: 'grid-2' },
            h(
              'section',
              { class: 'card', 'aria-labelledby': 'drv-chart-title' },
              h('h2', { class: 'card-title', id: 'drv-chart-title' }, t('drv.chartTitle')),
              placed.length
                ? h('div', { class: 'chart chart-tall', 'data-testid': 'drivers-chart' }, canvas)
                : emptyState(t('drv.tooFew', { minN: data.minN })),
              h('p', { class: 'subtle' }, t('drv.chartHint')),
            ),
            h(
              'section',
              { class: 'card', 'aria-labelledby': 'drv-fix-title' },
              h('h2', { class: 'card-title', id: 'drv-fix-title' }, t('drv.fixFirst')),
              fixFirst.length
                ? h(
                    'ol',
                    { class: 'fix-first', 'data-testid': 'fix-first' },
                    fixFirst.map((d) =>
                      h(
                        'li',
                        {},
                        // The link on a line of its own: inside a sentence it would need an underline (WCAG 1.4.1).
                        h('div', {}, h('a', { href: href(`/touchpoints/${d.touchpointId}`) }, d.name)),
                        h(
                          'div',
                          { class: 'subtle' },
                          t('drv.fixLine', {
                            share: formatNumber(d.importance * 100, 0),
                            score: formatScore(d.metric, d.performance),
                            metric: metricLabel(d.metric),
                          }),
                        ),
                      ),
                    ),
                  )
                : emptyState(t('drv.noFixFirst')),
            ),
          ),
          h(
            'section',
            { class: 'card' },
            h('h2', { class: 'card-title' }, t('drv.tableTitle')),
            table(
              [t('drv.touchpoint'), t('drv.importance'), t('drv.correlation'), t('drv.performance'), t('drv.quadrant'), t('drv.n')],
              data.drivers.map((d) => driverRow(d, data.minN)),
              'drivers-table',
            ),
          ),
          h(
            'section',
            { class: 'card' },
            h('h2', { class: 'card-title' }, t('drv.themesTitle')),
            h('p', { class: 'subtle' }, t('drv.themesHint', { metric: metricLabel(outcome.metric), minN: data.minThemeN })),
            data.themes.length
              ? table(
                  [t('drv.theme'), t('drv.mentioned'), t('drv.difference'), t('drv.verdict')],
                  data.themes.map((th) => themeRow(th)),
                  'theme-drivers-table',
                )
              : emptyState(t('drv.noThemes')),
          ),
        ],
  );
  if (placed.length) {
    await chartLibrary();
    scatter(canvas, data, placed);
  }
}

function driverRow(d, minN) {
  return h(
    'tr',
    { 'data-testid': 'driver-row', dataset: { quadrant: d.quadrant ?? 'none' } },
    h('td', {}, h('a', { href: href(`/touchpoints/${d.touchpointId}`) }, d.name)),
    h('td', {}, d.importance === null ? '–' : `${formatNumber(d.importance * 100, 0)} %`),
    h(
      'td',
      {},
      d.correlation === null ? '–' : formatNumber(d.correlation, 2),
      d.pValue !== null &&
        h(
          'div',
          { class: 'subtle' },
          d.significant ? t('drv.significant', { p: formatP(d.pValue) }) : t('drv.notSignificant', { p: formatP(d.pValue) }),
        ),
    ),
    h('td', {}, `${formatScore(d.metric, d.performance)} ${metricLabel(d.metric)}`),
    h('td', { 'data-testid': 'driver-quadrant' }, d.quadrant ? t(`drv.q.${d.quadrant}`) : t('drv.noVerdict')),
    h('td', {}, d.lowN ? t('drv.lowN', { n: d.n, minN }) : String(d.n)),
  );
}

function themeRow(th) {
  const diff = th.difference === null ? '–' : `${th.difference > 0 ? '+' : ''}${formatNumber(th.difference, 2)}`;
  const ci = th.ci95 ? t('drv.ci', { lo: formatNumber(th.ci95[0], 2), hi: formatNumber(th.ci95[1], 2) }) : '';
  return h(
    'tr',
    { 'data-testid': 'theme-driver-row' },
    h('td', {}, th.name),
    h('td', {}, t('drv.mentionedBy', { n: th.n, total: th.n + th.nWithout })),
    h('td', {}, diff, ci && h('div', { class: 'subtle' }, ci)),
    h(
      'td',
      {},
      th.lowN
        ? t('drv.themeLowN')
        : th.significant
          ? t(th.difference < 0 ? 'drv.themeLower' : 'drv.themeHigher', { p: formatP(th.pValue) })
          : t('drv.themeNone', { p: formatP(th.pValue) }),
    ),
  );
}

function formatP(p) {
  return p < 0.001 ? '< 0.001' : formatNumber(p, 3);
}

/** Importance (share of R², %) across, performance (−1..1, the map's scale) up; the means as quadrant lines. */
function scatter(canvas, data, placed) {
  const xs = placed.map((d) => d.importance * 100);
  // Room on the right for the last label, to a round 10 %.
  const xMax = Math.min(100, Math.ceil((Math.max(...xs, data.meanImportance * 100) * 1.2) / 10) * 10);
  const line = (label, points) => ({
    type: 'line',
    label,
    data: points,
    borderColor: '#5f6b7a',
    borderDash: [6, 4],
    borderWidth: 1,
    pointRadius: 0,
  });
  customChart(canvas, {
    type: 'scatter',
    data: {
      datasets: [
        {
          label: t('drv.touchpoints'),
          data: placed.map((d) => ({ x: d.importance * 100, y: d.normalisedPerformance, name: d.name, quadrant: d.quadrant })),
          pointRadius: 7,
          pointBackgroundColor: placed.map((d) => COLOURS[d.quadrant]),
        },
        line(t('drv.meanImportance'), [
          { x: data.meanImportance * 100, y: -1 },
          { x: data.meanImportance * 100, y: 1 },
        ]),
        line(t('drv.meanPerformance'), [
          { x: 0, y: data.meanPerformance },
          { x: xMax, y: data.meanPerformance },
        ]),
      ],
    },
    options: {
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (c) => (c.raw.name ? `${c.raw.name}: ${t(`drv.q.${c.raw.quadrant}`)}` : c.dataset.label) } },
      },
      scales: {
        x: { min: 0, max: xMax, title: { display: true, text: t('drv.axisImportance') } },
        y: { min: -1, max: 1, title: { display: true, text: t('drv.axisPerformance') } },
      },
    },
    plugins: [
      {
        // The touchpoints' names beside their points: a scatter without them says nothing.
        id: 'driverLabels',
        afterDatasetsDraw(chart) {
          const { ctx } = chart;
          const meta = chart.getDatasetMeta(0);
          ctx.save();
          ctx.font = '12px system-ui, sans-serif';
          ctx.fillStyle = '#1f2933';
          // A label that would overlap one already drawn moves a line down.
          const drawn = [];
          meta.data.forEach((point, i) => {
            let y = point.y + 4;
            while (drawn.some((d) => Math.abs(d.x - point.x) < 60 && Math.abs(d.y - y) < 13)) y += 13;
            drawn.push({ x: point.x, y });
            ctx.fillText(placed[i].name, point.x + 9, y);
          });
          ctx.restore();
        },
      },
    ],
  });
}
