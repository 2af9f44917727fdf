// The legend of the cards' colours: per metric on the map, the six classes of
// score-scale.js with their ranges as text, the anchor named.
import { h } from '../dom.js';
import { formatScore, metricLabel } from '../format.js';
import { t } from '../i18n.js';
import { legendRanges } from '../score-scale.js';

const ANCHORS = { nps: 0, csat: 50, ces: 4 };

function rangeText(metric, { from, to }) {
  if (from === null) return t('legend.below', { value: formatScore(metric, to) });
  if (to === null) return t('legend.atLeast', { value: formatScore(metric, from) });
  return t('legend.range', { from: formatScore(metric, from), to: formatScore(metric, to) });
}

export function scoreLegend(metrics) {
  return h(
    'section',
    { class: 'card score-legend', 'data-testid': 'score-legend', 'aria-label': t('legend.title') },
    h('h2', { class: 'card-title' }, t('legend.title')),
    h('p', { class: 'card-sub' }, t('legend.explain')),
    metrics.map((metric) =>
      h(
        'div',
        { class: 'legend-row', 'data-testid': 'legend-row', dataset: { metric } },
        h(
          'span',
          { class: 'legend-metric' },
          metricLabel(metric),
          h('small', {}, t('legend.anchor', { value: formatScore(metric, ANCHORS[metric]) })),
        ),
        h(
          'ul',
          { class: 'legend-classes' },
          legendRanges(metric).map((c) =>
            h(
              'li',
              { class: 'legend-class', dataset: { side: c.side } },
              h('span', { class: 'legend-swatch', style: { background: c.fill }, 'aria-hidden': 'true' }),
              rangeText(metric, c),
            ),
          ),
        ),
      ),
    ),
  );
}
