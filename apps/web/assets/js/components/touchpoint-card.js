// One touchpoint on the journey map: metric, score, n, 95% interval, trend
// arrow, a colour by score (score-scale.js: red-side below the metric's
// anchor, blue-side above), and a clear mark when n is too small to trust.
import { h } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { formatInterval, formatScore, metricLabel, trendArrow } from '../format.js';
import { href } from '../router.js';
import { scoreColors } from '../score-scale.js';
import { sparkline } from './sparkline.js';

export function touchpointCard(tp, linkQuery) {
  const color = scoreColors(tp.metric, tp.score);
  const arrow = trendArrow(tp.delta, tp.previous?.significant);
  const lowN = tp.metric && !tp.reliable;
  const points = (tp.trend ?? []).slice((tp.trend ?? []).findIndex((p) => p.score !== null));
  return h(
    'a',
    {
      class: ['tp-card', lowN && 'tp-low-n', !tp.metric && 'tp-empty'],
      href: href(`/touchpoints/${tp.id}`, linkQuery),
      style: { '--score-color': color.fill, '--score-tint': color.tint },
      'data-testid': 'touchpoint-card',
      dataset: {
        touchpointId: tp.id,
        metric: tp.metric ?? '',
        score: tp.score ?? '',
        n: tp.n,
        side: color.side,
        colorClass: color.index ?? '',
      },
      title: tp.metric ? t('map.cardTitle', { name: tp.name, metric: metricLabel(tp.metric) }) : tp.name,
    },
    h(
      'div',
      { class: 'tp-head' },
      h('span', { class: 'tp-name' }, tp.name),
      tp.metric && h('span', { class: `metric metric-${tp.metric}` }, metricLabel(tp.metric)),
    ),
    h('div', { class: 'tp-channel' }, t(`channel.${tp.channel}`)),
    tp.metric
      ? [
          h(
            'div',
            { class: 'tp-main' },
            h('span', { class: 'tp-score', style: { color: color.text }, 'data-testid': 'score' }, formatScore(tp.metric, tp.score)),
            h('span', { class: `trend ${arrow.cls}`, title: arrow.label, 'aria-label': arrow.label, 'data-testid': 'trend' }, arrow.symbol),
          ),
          h(
            'div',
            { class: 'tp-meta' },
            h('span', { 'data-testid': 'n' }, `n = ${formatNumber(tp.n, 0)}`),
            h('span', { class: 'tp-ci', 'data-testid': 'ci' }, t('map.ci', { interval: formatInterval(tp.metric, tp.ci95) })),
          ),
          h('div', { class: 'tp-spark', 'data-testid': 'sparkline' }, sparkline(points, color.text)),
          lowN && h('div', { class: 'badge badge-warn', 'data-testid': 'low-n' }, t('map.lowN')),
        ]
      : h('div', { class: 'tp-meta' }, t('map.noSurvey')),
  );
}
