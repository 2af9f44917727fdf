// Two segments of a touchpoint side by side (plan: pro against plan: free …):
// each one's score with its 95% interval and n, and the difference with
// whether it is beyond noise. Re-reads only itself when a side changes.
import { get } from '../api.js';
import { h, mount } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { formatInterval, formatScore, signed } from '../format.js';
import { scoreColors } from '../score-scale.js';

const Z95 = 1.959964;

/** `segments`: { plan: ['pro', 'free'], … } (the filter's choices); nothing is shown with fewer than two. */
export function segmentCompare({ touchpointId, metric, params, segments }) {
  const choices = Object.entries(segments).flatMap(([property, values]) => values.map((value) => `${property}:${value}`));
  if (choices.length < 2) return null;
  // The first property's first two values: a like-for-like pair (pro/free) rather than two unrelated properties.
  const sides = [choices[0], choices[1]];
  const result = h('div', { class: 'compare-result', 'aria-live': 'polite', 'data-testid': 'compare-result' });
  const picker = (i) =>
    h(
      'select',
      {
        'aria-label': t('compare.side', { n: i + 1 }),
        'data-testid': `compare-${i + 1}`,
        onchange: (e) => ((sides[i] = e.target.value), load()),
      },
      choices.map((c) => h('option', { value: c, selected: c === sides[i] }, c.replace(':', ': '))),
    );
  let latest = 0;
  async function load() {
    const seq = ++latest;
    result.setAttribute('aria-busy', 'true');
    try {
      const scores = await Promise.all(
        sides.map((side) => get('/api/v1/scores', { ...params, touchpointId, metric, ...segmentParam(side) })),
      );
      if (seq !== latest) return; // a newer choice is on its way
      mount(
        result,
        h(
          'div',
          { class: 'two-col' },
          scores.map((s, i) => sideCard(sides[i], metric, s)),
        ),
        difference(metric, scores),
      );
    } catch (error) {
      mount(result, h('div', { class: 'alert alert-error', role: 'alert' }, error.message));
    } finally {
      result.removeAttribute('aria-busy');
    }
  }
  void load();
  return h(
    'section',
    { class: 'card', 'data-testid': 'segment-compare' },
    h('h2', { class: 'card-title' }, t('compare.title')),
    h('div', { class: 'filters' }, picker(0), h('span', { class: 'subtle' }, t('compare.versus')), picker(1)),
    result,
  );
}

function segmentParam(choice) {
  const at = choice.indexOf(':');
  return { [`segment.${choice.slice(0, at)}`]: choice.slice(at + 1) };
}

function sideCard(choice, metric, s) {
  const color = scoreColors(metric, s.score);
  return h(
    'div',
    { class: 'kpi', style: { borderLeft: `5px solid ${color.fill}`, background: color.tint }, 'data-testid': 'compare-side' },
    h('div', { class: 'kpi-label' }, choice.replace(':', ': ')),
    h('div', { class: 'kpi-value', style: { color: color.text }, 'data-testid': 'compare-score' }, formatScore(metric, s.score)),
    h('div', { class: 'kpi-detail' }, `n = ${formatNumber(s.n, 0)} · `, t('map.ci', { interval: formatInterval(metric, s.ci95) })),
  );
}

/** The first minus the second; beyond noise when it exceeds 1.96 standard errors of a difference of two independent scores. */
function difference(metric, [a, b]) {
  if (a.score === null || b.score === null || !a.ci95 || !b.ci95) return h('p', { class: 'hint' }, t('compare.noDifference'));
  const se = (ci) => (ci[1] - ci[0]) / (2 * Z95);
  const delta = a.score - b.score;
  const significant = Math.abs(delta) > Z95 * Math.hypot(se(a.ci95), se(b.ci95));
  return h(
    'p',
    { class: 'hint', 'data-testid': 'compare-difference', dataset: { significant: String(significant) } },
    t(significant ? 'compare.significant' : 'compare.withinNoise', { delta: t(`compare.delta.${metric}`, { delta: signed(delta) }) }),
  );
}
