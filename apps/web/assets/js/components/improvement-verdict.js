// An improvement's effect in words, shared by the Improvements page and the
// touchpoint page: the verdict once measured, else how far the measurement is.
import { currentLocale, formatNumber, t } from '../i18n.js';
import { metricLabel } from '../format.js';

const DAY = 86_400_000;
// The API rounds NPS and CSAT to 0.1 point and CES to 0.01 (api.md, Improvements).
const digits = (metric) => (metric === 'ces' ? 2 : 1);

// Fixed decimals ("+5.0", not "+5"): a verdict's figures line up with the API's rounding.
function fixed(metric, value) {
  const d = digits(metric);
  // A real minus sign: "−9.9" reads as negative where a hyphen next to a range's dash would not.
  return new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: d, maximumFractionDigits: d }).format(value).replace(/^-/, '−');
}

// "4.1–20.7", but "−9.9 to 49.9": a dash after a negative bound would read as another minus.
function range(metric, [low, high]) {
  return t(low < 0 ? 'imp.rangeTo' : 'imp.range', { low: fixed(metric, low), high: fixed(metric, high) });
}

function signedFixed(metric, value) {
  return value > 0 ? `+${fixed(metric, value)}` : fixed(metric, value);
}

/** "+12.4 NPS, significant, 95 % CI 4.1–20.7", "measuring — 12 of 30 days", "insufficient data: …". */
export function verdictText(improvement, now = Date.now()) {
  const effect = improvement.effect;
  if (!effect) return t('imp.notLaunched');
  const metric = effect.metric;
  if (effect.status === 'measuring') {
    const days = Math.min(effect.windowDays, Math.max(0, Math.floor((now - Date.parse(improvement.launchedAt)) / DAY)));
    return t('imp.measuring', { days, window: effect.windowDays });
  }
  if (effect.status === 'insufficient_data') {
    // The thinner window is the one that keeps the verdict back.
    const side = effect.after.n <= effect.before.n ? 'after' : 'before';
    return t('imp.insufficient', { n: formatNumber(effect[side].n, 0), side: t(`imp.side.${side}`), needed: effect.minN });
  }
  const significance = t(effect.significant ? 'imp.significant' : 'imp.notSignificant');
  const vars = { delta: signedFixed(metric, effect.delta), metric: metricLabel(metric), significance };
  if (!effect.ci95) return t('imp.verdictNoCi', vars);
  return t('imp.verdict', { ...vars, range: range(metric, effect.ci95) });
}

/**
 * The difference-in-differences line once measured, when the journey's other touchpoints make a control; null
 * otherwise (while measuring or below the minimum n there is no verdict to adjust).
 */
export function adjustedText(improvement) {
  const effect = improvement.effect;
  if (effect?.status !== 'measured' || !effect.control || effect.adjustedDelta === null || effect.adjustedDelta === undefined) return null;
  return t('imp.adjusted', {
    delta: signedFixed(effect.metric, effect.adjustedDelta),
    significance: t(effect.adjustedSignificant ? 'imp.significant' : 'imp.notSignificant'),
  });
}

const RANK = { measured: 0, measuring: 1, insufficient_data: 2 };

/** Measured first, largest adjusted-or-plain change first; then measuring, insufficient data, and not launched. */
export function byEffect(a, b) {
  const rank = (i) => (i.effect ? RANK[i.effect.status] : 3);
  const size = (i) => i.effect?.adjustedDelta ?? i.effect?.delta ?? -Infinity;
  return rank(a) - rank(b) || size(b) - size(a) || a.title.localeCompare(b.title);
}
