import type { OutboxMessage } from '@cairn/outbox';
import { bucketOf, type Metric } from '@cairn/scoring';

type Side = 'response.detractor' | 'response.promoter';

/** Which alert side a score is on: CSAT dissatisfied and CES disagree count as detractors, satisfied/agree as promoters. */
export function sideOf(metric: Metric, score: number): Side | null {
  const bucket = bucketOf(metric, score);
  if (bucket === 'detractor' || bucket === 'dissatisfied' || bucket === 'disagree') return 'response.detractor';
  if (bucket === 'promoter' || bucket === 'satisfied' || bucket === 'agree') return 'response.promoter';
  return null;
}

/**
 * Domain events of one create or edit. The side event is announced when a
 * response lands on a side, not again for an edit that stays on it (a comment
 * added after the score must not page someone twice).
 */
export function responseEvents(
  workspaceId: string,
  responseId: string,
  metric: Metric,
  score: number,
  previousScore: number | null,
): OutboxMessage[] {
  const data = { responseId };
  const messages: OutboxMessage[] = [{ topic: previousScore === null ? 'response.created' : 'response.updated', workspaceId, data }];
  const side = sideOf(metric, score);
  const before = previousScore === null ? null : sideOf(metric, previousScore);
  if (side && side !== before) messages.push({ topic: side, workspaceId, data });
  return messages;
}
