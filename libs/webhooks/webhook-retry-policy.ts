import { SendResult } from './webhook-sender';

export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;
const MIN_RETRY_AFTER_MS = 1_000;
/** ±20 %: endpoints that failed together must not all come back in the same second. */
const JITTER = 0.2;

export type AttemptOutcome =
  | { kind: 'succeeded' }
  /** 410 Gone: the receiver asked us to stop; the endpoint is disabled. */
  | { kind: 'gone' }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'failed' };

export function withJitter(ms: number, random: () => number = Math.random): number {
  return Math.round(ms * (1 - JITTER + 2 * JITTER * random()));
}

/**
 * What follows attempt number `attempt` (1-based). `schedule[i]` is the wait
 * after the (i+1)-th failure; once it is spent the delivery has failed.
 * 3xx counts as a failure: redirects are never followed.
 */
export function decideOutcome(result: SendResult, attempt: number, schedule: number[], random: () => number = Math.random): AttemptOutcome {
  const status = result.statusCode;
  if (status !== null && status >= 200 && status < 300 && !result.error) return { kind: 'succeeded' };
  if (status === 410) return { kind: 'gone' };
  const base = schedule[attempt - 1];
  if (base === undefined) return { kind: 'failed' };
  if (status === 429 && result.retryAfterSeconds !== null) {
    // The receiver said when; honour it exactly (within sane bounds), no jitter.
    const asked = result.retryAfterSeconds * 1000;
    return { kind: 'retry', delayMs: Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, asked)) };
  }
  return { kind: 'retry', delayMs: withJitter(base, random) };
}
