// The journey's relationship score (the last month with answers) and its 12-month trend on the map's header, with the
// link to its key drivers. journey-map.js imports it once the map is drawn, so the first load stays one API read and
// no extra module (issue 20); a journey without a relationship survey shows nothing but the link.
import { get } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { formatScore, metricLabel } from '../format.js';
import { href } from '../router.js';

/** Fills the map header's slot: the drivers link at once, the score and its trend when they arrive. */
export function relationshipTrend(slot, journeyId) {
  const box = h('span', { class: 'relationship-trend', 'data-testid': 'relationship-trend' });
  const link = h(
    'a',
    { class: 'btn btn-ghost', href: href(`/journeys/${journeyId}/drivers`), 'data-testid': 'drivers-link' },
    t('drv.link'),
  );
  slot.append(box, link);
  load(journeyId, box);
}

function load(journeyId, box) {
  get(`/api/v1/journeys/${encodeURIComponent(journeyId)}/relationship-trend`)
    .then((trend) => {
      const points = trend.series.filter((p) => p.score !== null);
      if (!trend.surveyId || points.length === 0) return;
      const last = points[points.length - 1];
      box.append(
        h('span', { class: 'subtle' }, t('drv.relationship', { metric: metricLabel(trend.metric) })),
        ' ',
        h('strong', { 'data-testid': 'relationship-score' }, formatScore(trend.metric, last.score)),
        ' ',
        sparkline(trend.series, trend.metric),
      );
    })
    .catch(() => {});
}

/** 12 months as an inline SVG polyline; months without answers leave gaps. */
function sparkline(series, metric) {
  const ns = 'http://www.w3.org/2000/svg';
  const [lo, hi] = metric === 'nps' ? [-100, 100] : metric === 'csat' ? [0, 100] : [1, 7];
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 110 24');
  svg.setAttribute('width', '110');
  svg.setAttribute('height', '24');
  svg.setAttribute('role', 'img');
  const described = series.filter((p) => p.score !== null).map((p) => `${p.start.slice(0, 7)}: ${formatScore(metric, p.score)}`);
  svg.setAttribute('aria-label', t('drv.trendLabel', { points: described.join(', ') }));
  let path = '';
  series.forEach((p, i) => {
    if (p.score === null) return;
    const x = (i * 110) / Math.max(1, series.length - 1);
    const y = 22 - ((p.score - lo) / (hi - lo)) * 20;
    path += `${path && series[i - 1]?.score !== null ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
  });
  const line = document.createElementNS(ns, 'path');
  line.setAttribute('d', path);
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', '#2166ac');
  line.setAttribute('stroke-width', '2');
  svg.append(line);
  return svg;
}
