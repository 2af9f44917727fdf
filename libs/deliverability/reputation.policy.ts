/** What one workspace sent and got back over a window. */
export interface DeliveryCounts {
  sent: number;
  bounced: number;
  complained: number;
}

export interface PauseThresholds {
  bounceRate: number;
  complaintRate: number;
  minSent: number;
}

const DAY_MS = 86_400_000;

export function rate(part: number, sent: number): number {
  return sent > 0 ? part / sent : 0;
}

/**
 * Why the workspace's sending must pause, or null: over the last 24 h, with at least `minSent` emails sent,
 * hard bounces above `bounceRate` (10 %) or complaints above `complaintRate` (0.1 %). Below the minimum a few
 * bounces say nothing about a list. `resumedAt`: an admin resumed within those 24 h, so the counts start there
 * and the reason says so.
 */
export function pauseReason(counts: DeliveryCounts, limits: PauseThresholds, resumedAt: Date | null = null): string | null {
  if (counts.sent < limits.minSent) return null;
  const window = resumedAt ? `since sending resumed at ${resumedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'over 24 h';
  const bounces = rate(counts.bounced, counts.sent);
  if (bounces > limits.bounceRate) return `bounce rate ${percent(bounces)} ${window} (${counts.bounced} of ${counts.sent} sent)`;
  const complaints = rate(counts.complained, counts.sent);
  if (complaints > limits.complaintRate) {
    return `complaint rate ${percent(complaints)} ${window} (${counts.complained} of ${counts.sent} sent)`;
  }
  return null;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(value < 0.01 ? 2 : 1)} %`;
}

/** Soft bounces suppress an address once there are `limit` of them spread over at least a day: a full mailbox that stays full. */
export function softBounceSuppresses(seen: { count: number; first: Date | null; last: Date | null }, limit: number): boolean {
  if (seen.count < limit || !seen.first || !seen.last) return false;
  return seen.last.getTime() - seen.first.getTime() >= DAY_MS;
}
