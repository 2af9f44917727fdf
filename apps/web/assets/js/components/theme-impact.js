// A touchpoint's themes as a ranked bar chart by impact: the points a theme
// costs (red-side, left of zero) or earns (blue-side, right of zero) for the
// page's period and segment, with mentions, share and the sentiment split
// written beside each bar (the bars are HTML, so every figure is text).
import { get } from '../api.js';
import { h, mount } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { emotionColors } from '../score-scale.js';

// Half of each scale, from its neutral point to its end, in the metric's units: an impact of that size would be
// the whole way, so the bar's colour deepens on the cards' edges (20 % and 50 % of the way).
const HALF_RANGE = { nps: 100, csat: 50, ces: 3 };

export function themeImpact(touchpointId, metric, params) {
  const body = h('div', { 'data-testid': 'themes-body', 'aria-busy': 'true' });
  void load();
  async function load() {
    try {
      const [insights, themes] = await Promise.all([
        get('/api/v1/insights/themes', { ...params, touchpointId, metric }),
        get('/api/v1/themes'),
      ]);
      mount(body, progressLine(themes.analysis), chart(metric, insights));
    } catch (error) {
      mount(body, h('p', { class: 'alert alert-error' }, error.message));
    } finally {
      body.removeAttribute('aria-busy');
    }
  }
  return h(
    'section',
    { class: 'card', 'data-testid': 'themes', 'aria-labelledby': 'themes-title' },
    h('h2', { class: 'card-title', id: 'themes-title' }, t('themes.title')),
    h('p', { class: 'card-sub' }, t('themes.impactNote')),
    body,
  );
}

/** "Comments are being analysed: 120 of 400 done" while a re-analysis runs, nothing once it is done. */
export function progressLine(analysis) {
  if (!analysis || analysis.pending === 0) return null;
  return h(
    'p',
    { class: 'theme-progress', role: 'status', 'data-testid': 'themes-pending' },
    t('themes.pending', { done: formatNumber(analysis.analysed, 0), total: formatNumber(analysis.comments, 0) }),
  );
}

function chart(metric, insights) {
  const rows = insights.data.filter((d) => d.impact !== null).sort((a, b) => a.impact - b.impact || b.mentions - a.mentions);
  if (!insights.comments) return h('p', { class: 'empty', 'data-testid': 'themes-empty' }, t('themes.noComments'));
  if (!rows.length) return h('p', { class: 'empty', 'data-testid': 'themes-empty' }, t('themes.none', { n: insights.comments }));
  const largest = Math.max(...rows.map((d) => Math.abs(d.impact)), Number.EPSILON);
  return h(
    'ol',
    { class: 'theme-bars', 'data-testid': 'theme-bars' },
    rows.map((d) => themeBar(metric, d, largest)),
  );
}

function themeBar(metric, d, largest) {
  const colors = emotionColors(d.impact / HALF_RANGE[metric]);
  const width = `${((Math.abs(d.impact) / largest) * 50).toFixed(2)}%`;
  const side = d.impact < 0 ? 'cost' : 'gain';
  return h(
    'li',
    { class: 'theme-bar', 'data-testid': 'theme-bar', dataset: { theme: d.theme, impact: String(d.impact) } },
    h('span', { class: 'theme-bar-name' }, d.name),
    h(
      'span',
      { class: 'theme-bar-track', 'aria-hidden': 'true' },
      h('span', { class: `theme-bar-fill theme-bar-${side}`, style: { width, background: colors.fill } }),
    ),
    h(
      'span',
      { class: 'theme-bar-impact', style: { color: colors.text }, 'data-testid': 'theme-impact' },
      t(side === 'cost' ? 'themes.costs' : 'themes.earns', { points: formatNumber(Math.abs(d.impact), 1) }),
    ),
    h(
      'span',
      { class: 'theme-bar-figures', 'data-testid': 'theme-mentions' },
      t('themes.mentions', { n: formatNumber(d.mentions, 0), share: formatNumber(d.share * 100, 0) }),
    ),
    h(
      'span',
      { class: 'theme-bar-sentiment' },
      t('themes.split', { positive: d.sentiment.positive, neutral: d.sentiment.neutral, negative: d.sentiment.negative }),
    ),
  );
}
