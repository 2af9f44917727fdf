// The effect of an improvement: the touchpoint's score in the window before its launch against the window from it,
// and the same change over the journey's other touchpoints as a control (difference in differences). Pure: counts
// in, numbers out, so every figure can be checked against hand-computed ones.
import {
  type Interval,
  type Metric,
  type ScoreCounts,
  type ScoreResult,
  SCALES,
  Z95,
  computeScore,
  roundTo,
  tCritical95,
} from '@cairn/scoring';

export type EffectStatus = 'measuring' | 'measured' | 'insufficient_data';

export interface EffectCounts {
  before: ScoreCounts;
  after: ScoreCounts;
  /** The journey's other touchpoints of the metric, pooled; null when it has none. */
  control: { touchpoints: number; before: ScoreCounts; after: ScoreCounts } | null;
}

export interface EffectInput {
  metric: Metric;
  windowDays: number;
  launchedAt: Date;
  now: Date;
  /** Answers each window of the touchpoint needs before an effect is called measured (the workspace's minimum n). */
  minN: number;
  counts: EffectCounts;
}

export interface PeriodFigures {
  n: number;
  score: number | null;
  ci95: Interval | null;
}

export interface Effect {
  metric: Metric;
  windowDays: number;
  minN: number;
  before: PeriodFigures & { since: string; until: string };
  after: PeriodFigures & { since: string; until: string };
  delta: number | null;
  ci95: Interval | null;
  significant: boolean;
  control: { touchpoints: number; before: PeriodFigures; after: PeriodFigures; delta: number; ci95: Interval | null } | null;
  adjustedDelta: number | null;
  adjustedCi95: Interval | null;
  adjustedSignificant: boolean;
  status: EffectStatus;
}

export const DAY_MS = 86_400_000;

/** A difference with the parts of its variance: one squared SE per independent sample, and its n (for Welch's df). */
interface Difference {
  value: number;
  parts: Array<{ variance: number; n: number }>;
}

export function measureEffect(input: EffectInput): Effect {
  const { metric, windowDays, launchedAt, now, minN, counts } = input;
  const launch = launchedAt.getTime();
  const end = launch + windowDays * DAY_MS;
  const before = computeScore(metric, counts.before) as ScoreResult;
  const after = computeScore(metric, counts.after) as ScoreResult;
  const status: EffectStatus = now.getTime() < end ? 'measuring' : before.n < minN || after.n < minN ? 'insufficient_data' : 'measured';
  // No early calls: a change read every day until it looks significant would be "significant" far more than 5% of
  // the time by chance alone. While measuring the interval is shown, the verdict waits for the full window.
  const final = status === 'measured';

  const own = difference(metric, before, after);
  const ownCi = interval(metric, own);

  let control: Effect['control'] = null;
  let adjusted: Difference | null = null;
  if (counts.control) {
    const cBefore = computeScore(metric, counts.control.before) as ScoreResult;
    const cAfter = computeScore(metric, counts.control.after) as ScoreResult;
    const diff = difference(metric, cBefore, cAfter);
    if (diff) {
      control = {
        touchpoints: counts.control.touchpoints,
        before: figures(metric, cBefore),
        after: figures(metric, cAfter),
        delta: round(metric, diff.value)!,
        ci95: roundInterval(metric, interval(metric, diff)),
      };
      // Independent samples (other touchpoints' answers), so the four variances add up.
      if (own) adjusted = { value: own.value - diff.value, parts: [...own.parts, ...diff.parts] };
    }
  }
  const adjustedCi = interval(metric, adjusted);

  return {
    metric,
    windowDays,
    minN,
    before: { ...figures(metric, before), since: iso(launch - windowDays * DAY_MS), until: iso(launch) },
    after: { ...figures(metric, after), since: iso(launch), until: iso(Math.max(launch, Math.min(end, now.getTime()))) },
    delta: own && round(metric, own.value),
    ci95: roundInterval(metric, ownCi),
    significant: final && excludesZero(ownCi),
    control,
    adjustedDelta: adjusted && round(metric, adjusted.value),
    adjustedCi95: roundInterval(metric, adjustedCi),
    adjustedSignificant: final && excludesZero(adjustedCi),
    status,
  };
}

/**
 * after − before in the metric's units, with the variance of each side: NPS its own SE (product.md), CSAT the
 * unpooled normal approximation 100·sqrt(p(1−p)/n) — both computeScore's raw.se — and CES s²/n of each mean.
 * Null when a side has no answers.
 */
function difference(metric: Metric, before: ScoreResult, after: ScoreResult): Difference | null {
  if (before.raw.score === null || after.raw.score === null) return null;
  const variance = (r: ScoreResult) => (metric === 'ces' ? (r.raw.sd === null ? NaN : r.raw.sd ** 2 / r.n) : r.raw.se! ** 2);
  return {
    value: after.raw.score - before.raw.score,
    parts: [
      { variance: variance(before), n: before.n },
      { variance: variance(after), n: after.n },
    ],
  };
}

/**
 * value ± critical·SE with SE = sqrt(ΣSE²) (independent samples). NPS and CSAT use 1.96; CES a t-interval with
 * Welch–Satterthwaite degrees of freedom, (Σv)² / Σ(v²/(n−1)). Null when a CES side has fewer than two answers.
 */
function interval(metric: Metric, d: Difference | null): Interval | null {
  if (!d) return null;
  const total = d.parts.reduce((sum, p) => sum + p.variance, 0);
  if (!Number.isFinite(total)) return null;
  const se = Math.sqrt(total);
  let critical = Z95;
  if (metric === 'ces') {
    const df = total ** 2 / d.parts.reduce((sum, p) => sum + p.variance ** 2 / (p.n - 1), 0);
    // Every answer alike on every side: no spread, the interval is the point itself.
    critical = Number.isFinite(df) && df > 0 ? tCritical95(df) : 0;
  }
  return [d.value - critical * se, d.value + critical * se];
}

/** One window's figures: computeScore's for NPS and CSAT (Wilson), a t-interval of the mean for CES. */
function figures(metric: Metric, r: ScoreResult): PeriodFigures {
  if (metric !== 'ces' || r.raw.mean === null)
    return { n: r.n, score: round(metric, r.raw.score), ci95: roundInterval(metric, r.raw.ci95) };
  const mean = r.raw.mean;
  const ci95: Interval | null = r.raw.sd === null ? null : halfWidth(mean, tCritical95(r.n - 1) * (r.raw.sd / Math.sqrt(r.n)));
  return { n: r.n, score: round(metric, mean), ci95: roundInterval(metric, ci95) };
}

function halfWidth(centre: number, half: number): Interval {
  // Clamped to the CES scale, as the cards clamp theirs.
  return [Math.max(SCALES.ces.min, centre - half), Math.min(SCALES.ces.max, centre + half)];
}

function excludesZero(ci: Interval | null): boolean {
  return ci !== null && (ci[0] > 0 || ci[1] < 0);
}

/** NPS points and CSAT percentage points to 0.1; CES, on a 1–7 scale, to 0.01. */
function round(metric: Metric, x: number | null): number | null {
  return x === null ? null : roundTo(x, metric === 'ces' ? 2 : 1);
}

function roundInterval(metric: Metric, ci: Interval | null): Interval | null {
  return ci && [round(metric, ci[0])!, round(metric, ci[1])!];
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
