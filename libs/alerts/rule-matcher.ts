import type { AlertRule, Metric } from '@cairn/database';

export interface ScoredResponse {
  metric: Metric;
  score: number;
  /** Null for an answer to a relationship survey: only rules on no touchpoint (workspace-wide) look at it. */
  touchpointId: string | null;
}

/**
 * The score at or below which `rule` alerts on this response, or null when
 * the rule does not look at it (other metric, other touchpoints, disabled).
 */
export function thresholdFor(rule: AlertRule, response: ScoredResponse): number | null {
  if (rule.kind !== 'response' || !rule.enabled) return null;
  const only = [...(rule.touchpointId ? [rule.touchpointId] : []), ...rule.touchpointIds];
  if (only.length && (response.touchpointId === null || !only.includes(response.touchpointId))) return null;
  if (rule.metric === null) {
    const value = (rule.thresholds as Record<string, unknown> | null)?.[response.metric];
    return typeof value === 'number' ? value : null;
  }
  return rule.metric === response.metric && rule.scoreAtMost !== null ? rule.scoreAtMost : null;
}

export function matches(rule: AlertRule, response: ScoredResponse): boolean {
  const threshold = thresholdFor(rule, response);
  return threshold !== null && response.score <= threshold;
}
