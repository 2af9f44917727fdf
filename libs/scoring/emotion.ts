// The journey map's emotion curve puts all metrics on one −1..1 axis, so a
// stage measured by CES can sit next to one measured by NPS.
import type { Metric } from './metric-scales.js';
import type { ScoreResult } from './score-result.js';
import { roundTo } from './stats.js';

// Centre and half-width of each metric's natural range: NPS −100..100,
// CSAT mean 1..5 (neutral 3), CES mean 1..7 (neutral 4).
const NORMALISE: Record<Metric, { from: 'score' | 'mean'; centre: number; half: number }> = {
  nps: { from: 'score', centre: 0, half: 100 },
  csat: { from: 'mean', centre: 3, half: 2 },
  ces: { from: 'mean', centre: 4, half: 3 },
};

// Rounded to 3 decimals: enough to draw a curve, without 16-digit noise in
// API responses. Computed from raw values so display rounding cannot shift it.
export function emotionValue(metric: Metric, result: ScoreResult): number | null {
  const value = unrounded(metric, result);
  return value === null ? null : roundTo(value, 3);
}

// A stage's point on the curve: its touchpoints' emotion values weighted by
// their n, so a busy touchpoint counts more than a quiet one. Averaged before
// rounding, like emotionValue. Null when no touchpoint has answers.
export function combinedEmotion(parts: Array<{ metric: Metric; result: ScoreResult }>): number | null {
  let n = 0;
  let weighted = 0;
  for (const { metric, result } of parts) {
    const value = unrounded(metric, result);
    if (value === null) continue;
    n += result.n;
    weighted += result.n * value;
  }
  return n === 0 ? null : roundTo(weighted / n, 3);
}

function unrounded(metric: Metric, result: ScoreResult): number | null {
  if (result.metric !== metric) {
    throw new TypeError(`emotionValue for ${metric} was given a ${result.metric} result`);
  }
  const value = result.raw[NORMALISE[metric].from];
  if (value === null) return null; // null exactly when n = 0
  const { centre, half } = NORMALISE[metric];
  return (value - centre) / half;
}
