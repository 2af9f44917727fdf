import { JobIds, JobName } from '@cairn/jobs';
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
 * Domain events of one create or edit that settles the answer (a Send, a
 * widget or API answer, a form post). The side event is announced when a
 * response lands on a side, not again for an edit that stays on it (a comment
 * added after the score must not page someone twice). `settledBefore` is the
 * score alerts last acted on: after steps saved by the page it differs from
 * the previous score (null for a new answer or one never settled).
 */
export function responseEvents(
  workspaceId: string,
  responseId: string,
  metric: Metric,
  score: number,
  previousScore: number | null,
  settledBefore: number | null = previousScore,
): OutboxMessage[] {
  return [...stepEvents(workspaceId, responseId, previousScore), ...sideEvents(workspaceId, responseId, metric, score, settledBefore)];
}

/** A step saved by the answer page (an arrow key): the change only; alerts and the side wait until it settles. */
export function stepEvents(workspaceId: string, responseId: string, previousScore: number | null): OutboxMessage[] {
  return [{ topic: previousScore === null ? 'response.created' : 'response.updated', workspaceId, data: { responseId } }];
}

/** Steps that came to rest: alerts and the case act now, and the side is announced if it moved off the settled one. */
export function settledEvents(
  workspaceId: string,
  responseId: string,
  metric: Metric,
  score: number,
  settledBefore: number | null,
): OutboxMessage[] {
  return [
    { topic: 'response.settled', workspaceId, data: { responseId } },
    ...sideEvents(workspaceId, responseId, metric, score, settledBefore),
  ];
}

function sideEvents(workspaceId: string, responseId: string, metric: Metric, score: number, settledBefore: number | null): OutboxMessage[] {
  const side = sideOf(metric, score);
  const before = settledBefore === null ? null : sideOf(metric, settledBefore);
  return side && side !== before ? [{ topic: side, workspaceId, data: { responseId } }] : [];
}

/** The job that settles a step if no other save follows it within `afterMs`. */
export function settleJob(workspaceId: string, responseId: string, savedAt: Date, afterMs: number): OutboxMessage {
  return {
    topic: 'job',
    workspaceId,
    job: { name: JobName.SettleAnswer, data: { responseId, savedAt: savedAt.toISOString() } },
    jobId: JobIds.settleAnswer(responseId, savedAt),
    runAt: new Date(savedAt.getTime() + afterMs),
  };
}
