import { recordAfterHandover } from './record-after-handover';

const retry = { deadlineMs: 1_500, firstDelayMs: 100, maxDelayMs: 400 };

describe('recordAfterHandover', () => {
  it('retries a failing write with a doubling, capped delay until it succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await recordAfterHandover(
      async () => {
        if (++calls < 5) throw new Error('database restarting');
        return 'recorded';
      },
      retry,
      async (ms) => void waits.push(ms),
    );
    expect(result).toBe('recorded');
    expect(waits).toEqual([100, 200, 400, 400]);
  });

  it('gives the error to the caller once the waits would pass the deadline', async () => {
    const waits: number[] = [];
    const failing = recordAfterHandover(
      () => Promise.reject(new Error('still down')),
      retry,
      async (ms) => void waits.push(ms),
    );
    await expect(failing).rejects.toThrow('still down');
    expect(waits).toEqual([100, 200, 400, 400, 400]);
  });
});
