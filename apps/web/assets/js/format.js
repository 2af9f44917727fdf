// How scores look: one place for units and buckets (the colour scale is score-scale.js).
import { formatNumber, t } from './i18n.js';

export const SCALES = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 } };
// Lowest score of the top bucket and highest of the bottom one (libs/scoring/metric-scales.ts).
const BANDS = { nps: { top: 9, bottom: 6 }, csat: { top: 4, bottom: 2 }, ces: { top: 5, bottom: 3 } };

export function metricLabel(metric) {
  return metric ? t(`metric.${metric}`) : '–';
}

/** NPS points, CSAT percent, CES mean. */
export function formatScore(metric, score) {
  if (score === null || score === undefined) return '–';
  return metric === 'csat' ? `${formatNumber(score, 1)}%` : formatNumber(score, 1);
}

export function formatInterval(metric, ci) {
  if (!ci) return '–';
  return `${formatScore(metric, ci[0])} – ${formatScore(metric, ci[1])}`;
}

/** 'low' | 'mid' | 'high' for one answer. */
export function bandOf(metric, score) {
  const band = BANDS[metric];
  return score >= band.top ? 'high' : score <= band.bottom ? 'low' : 'mid';
}

/** Bucket name per metric: detractor/passive/promoter, dissatisfied/neutral/satisfied, … */
export function bucketLabel(metric, band) {
  return t(`bucket.${metric}.${band}`);
}

/** ↑ / ↓ / → with a class saying whether the change is beyond noise. */
export function trendArrow(delta, significant) {
  if (delta === null || delta === undefined) return { symbol: '·', cls: 'flat', label: t('trend.none') };
  const symbol = delta > 0 ? '↑' : delta < 0 ? '↓' : '→';
  const dir = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  const label = t(significant ? 'trend.significant' : 'trend.notSignificant', { delta: signed(delta) });
  return { symbol, cls: `${dir}${significant ? ' significant' : ''}`, label };
}

export function signed(value) {
  if (value === null || value === undefined) return '–';
  return `${value > 0 ? '+' : ''}${formatNumber(value, 1)}`;
}
