import { StatementBatcher } from './statement-batcher';

/** A few turns of the event loop: enough for a finished batch to start the next. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

describe('StatementBatcher', () => {
  it('sends calls of one turn as one batch and hands each caller its own result', async () => {
    const batches: number[][] = [];
    const batcher = new StatementBatcher<number, number>(async (xs) => (batches.push(xs), xs.map((x) => x * 10)));
    await expect(Promise.all([1, 2, 3].map((x) => batcher.call(x)))).resolves.toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('keeps at most maxInFlight batches running; calls made meanwhile go in the next, at most maxBatch each', async () => {
    const batches: number[][] = [];
    const release: Array<() => void> = [];
    const batcher = new StatementBatcher<number, number>(
      (xs) => new Promise((resolve) => (batches.push(xs), release.push(() => resolve(xs)))),
      2,
      1,
    );
    const first = batcher.call(1);
    await settle();
    const later = [2, 3, 4].map((x) => batcher.call(x));
    await settle();
    expect(batches).toEqual([[1]]);
    release.shift()!();
    await first;
    await settle();
    expect(batches).toEqual([[1], [2, 3]]);
    release.shift()!();
    await settle();
    expect(batches).toEqual([[1], [2, 3], [4]]);
    release.shift()!();
    await expect(Promise.all(later)).resolves.toEqual([2, 3, 4]);
  });

  it('rejects every call of a failed batch, and the next batch runs', async () => {
    let fail = true;
    const batcher = new StatementBatcher<number, number>(async (xs) => {
      if (fail) throw new Error('database restarting');
      return xs;
    });
    const failed = [batcher.call(1), batcher.call(2)].map((p) => p.catch((e: Error) => e.message));
    await expect(Promise.all(failed)).resolves.toEqual(['database restarting', 'database restarting']);
    fail = false;
    await expect(batcher.call(3)).resolves.toBe(3);
  });
});
