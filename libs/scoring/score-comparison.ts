// Compares a period with the one before it and says whether the change is
// more than noise at the 95% level. Each metric uses the test that matches
// how its score is built (difference of NPS, two proportions, two means).
import type { Metric } from './metric-scales.js';
import type { CesResult, CsatResult, NpsResult, ResultOf } from './score-result.js';
import { Z95, round1 } from './stats.js';

export interface ScoreComparison {
  // The previous period's displayed score and n, for "51 (was 40, n 120)".
  score: number | null;
  n: number;
  // current − previous, from the displayed (rounded) scores so that the
  // three numbers on screen always add up. Null when either side has n = 0.
  delta: number | null;
  significant: boolean;
}

export function compareScores<M extends Metric>(current: ResultOf<M>, previous: ResultOf<M>): ScoreComparison {
  if (current.metric !== previous.metric) {
    throw new TypeError(`cannot compare ${current.metric} with ${previous.metric}`);
  }
  const out = { score: previous.score, n: previous.n };
  // computeScore gives a null score exactly when n = 0, so this also covers empty periods.
  if (current.score === null || previous.score === null) {
    return { ...out, delta: null, significant: false };
  }
  return { ...out, delta: round1(current.score - previous.score), significant: isSignificant(current, previous) };
}

// compareScores has checked that both sides have the same metric.
function isSignificant(a: NpsResult | CsatResult | CesResult, b: NpsResult | CsatResult | CesResult): boolean {
  if (a.metric === 'nps') return npsSignificant(a, b as NpsResult);
  if (a.metric === 'csat') return csatSignificant(a, b as CsatResult);
  return cesSignificant(a, b as CesResult);
}

// Independent periods: SE of the difference = sqrt(SE1² + SE2²).
function npsSignificant(a: NpsResult, b: NpsResult): boolean {
  return exceeds(a.raw.score! - b.raw.score!, Math.hypot(a.raw.se!, b.raw.se!));
}

// Two-proportion z-test with the pooled proportion: under "no change" both
// periods share one satisfaction rate, so its best estimate uses both samples.
function csatSignificant(a: CsatResult, b: CsatResult): boolean {
  const pooled = (a.satisfied + b.satisfied) / (a.n + b.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  return exceeds(a.satisfied / a.n - b.satisfied / b.n, se);
}

// Welch-style: each period keeps its own variance (no equal-variance
// assumption), with the normal critical value like the CES interval.
// Needs a sample sd on both sides, i.e. n >= 2.
function cesSignificant(a: CesResult, b: CesResult): boolean {
  if (a.raw.sd === null || b.raw.sd === null) return false;
  const se = Math.sqrt(a.raw.sd ** 2 / a.n + b.raw.sd ** 2 / b.n);
  return exceeds(a.raw.mean! - b.raw.mean!, se);
}

// se = 0 means both samples are uniform (all promoters, all 5s…): then any
// non-zero difference counts as significant and a zero one never does.
function exceeds(diff: number, se: number): boolean {
  return Math.abs(diff) > Z95 * se;
}
