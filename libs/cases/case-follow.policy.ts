// What an edited answer does to its case: a pure decision, unit-tested apart
// from the database (case-follow.policy.spec.ts).
import { sideOf } from '@cairn/responses';
import type { Metric } from '@cairn/scoring';

export interface FollowInput {
  status: 'open' | 'in_progress' | 'resolved';
  autoResolved: boolean;
  /** The score the case last took note of; null = the one that opened it, unknown (it was in the range). */
  seenScore: number | null;
  score: number;
  metric: Metric;
  /** The alert's "score at most" when the case opened; null = the metric's detractor bucket. */
  threshold: number | null;
  /** The workspace resolves cases whose answer left the range. */
  autoResolve: boolean;
}

export interface FollowDecision {
  /** Into the range (true) or out of it (false). */
  intoRange: boolean;
  status: FollowInput['status'];
  autoResolved: boolean;
}

export function inAlertRange(metric: Metric, score: number, threshold: number | null): boolean {
  return threshold === null ? sideOf(metric, score) === 'response.detractor' : score <= threshold;
}

/**
 * Null while the answer stays on the side of the range it was last noted on
 * (3 → 4 → 5 is one detractor; arrow keys through 4…8 write nothing until 7).
 * Out of the range: a note, and with the workspace's consent the case resolves.
 * Back into it: a note, and a case that resolved by itself opens again; one a
 * person resolved stays as they left it.
 */
export function decideFollow(input: FollowInput): FollowDecision | null {
  const wasIn = input.seenScore === null ? true : inAlertRange(input.metric, input.seenScore, input.threshold);
  const isIn = inAlertRange(input.metric, input.score, input.threshold);
  if (wasIn === isIn) return null;
  if (!isIn) {
    const resolve = input.autoResolve && input.status !== 'resolved';
    return { intoRange: false, status: resolve ? 'resolved' : input.status, autoResolved: resolve || input.autoResolved };
  }
  const reopen = input.status === 'resolved' && input.autoResolved;
  return { intoRange: true, status: reopen ? 'open' : input.status, autoResolved: false };
}

/** The note's text (stored, so written once, in English like the case emails). */
export function followNote(
  from: number | null,
  to: number,
  at: Date,
  metric: Metric,
  decision: FollowDecision,
  before: FollowInput['status'],
): string {
  const head = `Answer changed ${from === null ? '' : `from ${from} `}to ${to} (${metric.toUpperCase()}) at ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  if (!decision.intoRange) {
    if (decision.status === 'resolved' && before !== 'resolved')
      return `${head}: no longer in the alert's range, so the case was resolved automatically.`;
    return `${head}: no longer in the alert's range.`;
  }
  if (decision.status === 'open' && before === 'resolved') return `${head}: back in the alert's range, so the case was reopened.`;
  return `${head}: back in the alert's range.`;
}
