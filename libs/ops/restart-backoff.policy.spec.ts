import { DEFAULT_RESTART_BACKOFF, nextRestart, restartBackoffFromEnv } from './restart-backoff.policy';

const policy = { baseMs: 500, capMs: 4_000, healthyAfterMs: 60_000 };

describe('restart backoff', () => {
  it('doubles the wait for each death in a row, up to the cap', () => {
    let failures = 0;
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const decision = nextRestart(failures, 1_000, policy);
      delays.push(decision.delayMs);
      failures = decision.failures;
    }
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 4_000, 4_000]);
    expect(failures).toBe(6);
  });

  it('starts over after a child had been up long enough to count as healthy', () => {
    expect(nextRestart(5, 59_999, policy)).toEqual({ delayMs: 4_000, failures: 6 });
    expect(nextRestart(5, 60_000, policy)).toEqual({ delayMs: 500, failures: 1 });
  });

  it('reads the policy from the environment and refuses nonsense', () => {
    expect(restartBackoffFromEnv(undefined)).toBe(DEFAULT_RESTART_BACKOFF);
    expect(restartBackoffFromEnv('100, 2000, 5000')).toEqual({ baseMs: 100, capMs: 2_000, healthyAfterMs: 5_000 });
    for (const bad of ['100,2000', '100,50,1000', 'a,b,c', '-1,10,10', '1.5,10,10'])
      expect(() => restartBackoffFromEnv(bad)).toThrow(/CAIRN_RESTART_BACKOFF/);
  });
});
