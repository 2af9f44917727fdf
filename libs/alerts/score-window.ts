import type { AlertRule, Metric } from '@cairn/database';
import { computeScore, ScoreCounts } from '@cairn/scoring';

export interface WindowScore {
  n: number;
  score: number | null;
}

export function windowStart(rule: Pick<AlertRule, 'windowDays'>, now: Date): Date {
  return new Date(now.getTime() - (rule.windowDays ?? 30) * 86_400_000);
}

/** The headline score of a window: NPS points, CSAT percent, CES mean; unrounded. */
export function windowScore(metric: Metric, counts: ScoreCounts): WindowScore {
  const result = computeScore(metric, counts, { minReliableN: 0 });
  return { n: result.n, score: result.raw.score };
}

export type DropVerdict = 'crossed' | 'recovered' | 'unchanged';

/**
 * Fires once when the score goes below the threshold, and again only after
 * it has come back up. Too few answers decide nothing either way.
 */
export function judgeWindow(rule: Pick<AlertRule, 'below' | 'minResponses' | 'triggered'>, window: WindowScore): DropVerdict {
  if (window.score === null || window.n < (rule.minResponses ?? 1) || rule.below === null) return 'unchanged';
  const below = window.score < rule.below;
  if (below && !rule.triggered) return 'crossed';
  if (!below && rule.triggered) return 'recovered';
  return 'unchanged';
}
