// Turns one period's answer counts into a score, following the "Metric
// definitions" of the product design. Pure: same counts, same result.
import { type Metric, RULES, SCALES, bucketOf } from './metric-scales.js';
import { type ScoreCounts, countWhere, moments, toDistribution } from './score-counts.js';
import type { CesResult, ComputeOptions, CsatResult, NpsResult, ResultOf, ScoreResult } from './score-result.js';
import { type Interval, Z95, clampInterval, round1, round1Interval, safeSqrt, wilsonInterval } from './stats.js';

export const DEFAULT_MIN_RELIABLE_N = 30;

export function computeScore<M extends Metric>(metric: M, counts: ScoreCounts, options?: ComputeOptions): ResultOf<M>;
export function computeScore(
  metric: Metric,
  counts: ScoreCounts,
  { minReliableN = DEFAULT_MIN_RELIABLE_N }: ComputeOptions = {},
): ScoreResult {
  if (!Number.isFinite(minReliableN) || minReliableN < 0) {
    throw new RangeError(`minReliableN must be a non-negative number, got ${minReliableN}`);
  }
  const distribution = toDistribution(metric, counts);
  const m = moments(distribution);
  const base = {
    scale: { ...SCALES[metric] },
    rule: RULES[metric],
    n: m.n,
    reliable: m.n > 0 && m.n >= minReliableN,
    distribution,
  };
  const count = (bucket: string) => countWhere(distribution, (s) => bucketOf(metric, s) === bucket);
  const pct = (k: number) => (m.n === 0 ? null : (100 * k) / m.n);

  if (metric === 'nps') {
    const promoters = count('promoter');
    const detractors = count('detractor');
    const raw = npsRaw(promoters, detractors, m.n);
    const result: NpsResult = {
      metric,
      ...base,
      ...display(raw.score, raw.ci95),
      promoters,
      passives: m.n - promoters - detractors,
      detractors,
      nps: roundOrNull(raw.score),
      se: roundOrNull(raw.se),
      raw: { ...raw, mean: m.mean, sd: m.sd },
    };
    return result;
  }

  if (metric === 'csat') {
    const satisfied = count('satisfied');
    const score = pct(satisfied);
    const p = m.n === 0 ? null : satisfied / m.n;
    const ci95 = p === null ? null : scaleInterval(wilsonInterval(satisfied, m.n), 100);
    const se = p === null ? null : 100 * safeSqrt((p * (1 - p)) / m.n);
    const result: CsatResult = {
      metric,
      ...base,
      ...display(score, ci95),
      satisfied,
      csat: roundOrNull(score),
      mean: roundOrNull(m.mean),
      raw: { score, ci95, se, mean: m.mean, sd: m.sd },
    };
    return result;
  }

  const agree = count('agree');
  const se = m.sd === null ? null : m.sd / Math.sqrt(m.n);
  // Normal approximation; clamped because a wide interval from a handful of
  // answers would otherwise reach past the 1–7 scale.
  const ci95 =
    m.mean === null || se === null ? null : clampInterval([m.mean - Z95 * se, m.mean + Z95 * se], SCALES.ces.min, SCALES.ces.max);
  const result: CesResult = {
    metric,
    ...base,
    ...display(m.mean, ci95),
    mean: roundOrNull(m.mean),
    agree,
    agreePct: roundOrNull(pct(agree)),
    raw: { score: m.mean, ci95, se, mean: m.mean, sd: m.sd },
  };
  return result;
}

function npsRaw(promoters: number, detractors: number, n: number) {
  if (n === 0) return { score: null, se: null, ci95: null };
  const p = promoters / n;
  const d = detractors / n;
  // From the integers, not 100·(p − d): that subtraction turns 300/48 = 6.25
  // into 6.2499999999999982 and the display would round it down.
  const score = (100 * (promoters - detractors)) / n;
  const se = 100 * safeSqrt((p + d - (p - d) ** 2) / n);
  // Clamping only bites when the interval leaves the metric's range; inside it
  // the interval is exactly NPS ± 1.96·SE as the definition says.
  const ci95 = clampInterval([score - Z95 * se, score + Z95 * se], -100, 100);
  return { score, se, ci95 };
}

function display(score: number | null, ci95: Interval | null) {
  return { score: roundOrNull(score), ci95: round1Interval(ci95) };
}

function roundOrNull(x: number | null): number | null {
  return x === null ? null : round1(x);
}

function scaleInterval([lo, hi]: Interval, factor: number): Interval {
  return [lo * factor, hi * factor];
}
