import { loadConfig } from '@cairn/config';
import { decideOutcome, MAX_RETRY_AFTER_MS, withJitter } from './webhook-retry-policy';
import { SendResult } from './webhook-sender';

const DAY_SCHEDULE = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
const result = (r: Partial<SendResult>): SendResult => ({
  statusCode: null,
  latencyMs: 1,
  responseBody: null,
  error: null,
  retryAfterSeconds: null,
  ...r,
});

describe('webhook retry policy', () => {
  it('succeeds on any 2xx', () => {
    expect(decideOutcome(result({ statusCode: 204 }), 1, DAY_SCHEDULE)).toEqual({ kind: 'succeeded' });
  });

  it('treats redirects, 5xx and network errors as failures to retry', () => {
    for (const r of [result({ statusCode: 302 }), result({ statusCode: 500 }), result({ error: 'timeout' })]) {
      expect(decideOutcome(r, 1, DAY_SCHEDULE, () => 0.5)).toEqual({ kind: 'retry', delayMs: 5_000 });
    }
  });

  it('spreads the default schedule over about a day, with ±20 % jitter', () => {
    const total = DAY_SCHEDULE.reduce((a, b) => a + b, 0);
    expect(total / 3_600_000).toBeGreaterThan(27);
    expect(total / 3_600_000).toBeLessThan(28);
    expect(withJitter(10_000, () => 0)).toBe(8_000);
    expect(withJitter(10_000, () => 0.999999)).toBe(12_000);
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => decideOutcome(result({ statusCode: 503 }), n, DAY_SCHEDULE, () => 0.5));
    expect(delays.map((d) => (d.kind === 'retry' ? d.delayMs : null))).toEqual(DAY_SCHEDULE);
  });

  it('is what the configuration gives by default: that schedule and a 15 s deadline; tests can shorten both', () => {
    expect(loadConfig({}).webhookRetrySchedule).toEqual(DAY_SCHEDULE);
    expect(loadConfig({}).webhookTimeoutMs).toBe(15_000);
    expect(loadConfig({ WEBHOOK_RETRY_SCHEDULE: '100ms, 2s,1m' }).webhookRetrySchedule).toEqual([100, 2_000, 60_000]);
    expect(() => loadConfig({ WEBHOOK_RETRY_SCHEDULE: '5 parsecs' })).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
  });

  it('gives up after the last step: 8 attempts in all', () => {
    expect(decideOutcome(result({ statusCode: 500 }), 8, DAY_SCHEDULE)).toEqual({ kind: 'failed' });
  });

  it('stops on 410 Gone', () => {
    expect(decideOutcome(result({ statusCode: 410 }), 1, DAY_SCHEDULE)).toEqual({ kind: 'gone' });
  });

  it('waits exactly as long as Retry-After asks on 429, bounded', () => {
    expect(decideOutcome(result({ statusCode: 429, retryAfterSeconds: 120 }), 1, DAY_SCHEDULE)).toEqual({
      kind: 'retry',
      delayMs: 120_000,
    });
    expect(decideOutcome(result({ statusCode: 429, retryAfterSeconds: 0 }), 1, DAY_SCHEDULE)).toEqual({ kind: 'retry', delayMs: 1_000 });
    expect(decideOutcome(result({ statusCode: 429, retryAfterSeconds: 10 ** 7 }), 1, DAY_SCHEDULE)).toEqual({
      kind: 'retry',
      delayMs: MAX_RETRY_AFTER_MS,
    });
    expect(decideOutcome(result({ statusCode: 429 }), 1, DAY_SCHEDULE, () => 0.5)).toEqual({ kind: 'retry', delayMs: 5_000 });
  });

  it('counts exactly 200–299 as success, and not a 2xx whose body failed to arrive', () => {
    expect(decideOutcome(result({ statusCode: 200 }), 1, DAY_SCHEDULE).kind).toBe('succeeded');
    expect(decideOutcome(result({ statusCode: 299 }), 1, DAY_SCHEDULE).kind).toBe('succeeded');
    expect(decideOutcome(result({ statusCode: 199 }), 1, DAY_SCHEDULE).kind).toBe('retry');
    expect(decideOutcome(result({ statusCode: 300 }), 1, DAY_SCHEDULE).kind).toBe('retry');
    expect(decideOutcome(result({ statusCode: 200, error: 'body timeout' }), 1, DAY_SCHEDULE).kind).toBe('retry');
  });

  it('honours Retry-After only on 429: other statuses keep the schedule with jitter', () => {
    expect(decideOutcome(result({ statusCode: 503, retryAfterSeconds: 120 }), 2, DAY_SCHEDULE, () => 0)).toEqual({
      kind: 'retry',
      delayMs: 240_000,
    });
  });

  it('uses the step of this attempt, and fails once the schedule is spent even on 429', () => {
    expect(decideOutcome(result({ statusCode: 500 }), 3, [10, 20, 30], () => 0.5)).toEqual({ kind: 'retry', delayMs: 30 });
    expect(decideOutcome(result({ statusCode: 429, retryAfterSeconds: 5 }), 4, [10, 20, 30])).toEqual({ kind: 'failed' });
  });

  it('draws jitter from Math.random by default, within ±20 %', () => {
    for (let i = 0; i < 50; i++) {
      const delay = withJitter(10_000);
      expect(delay).toBeGreaterThanOrEqual(8_000);
      expect(delay).toBeLessThanOrEqual(12_000);
    }
    expect(new Set(Array.from({ length: 20 }, () => withJitter(1_000_000))).size).toBeGreaterThan(1);
  });
});
