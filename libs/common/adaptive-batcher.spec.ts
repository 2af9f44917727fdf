import { waitFor } from '../../test/utils/wait-for';
import { AdaptiveBatcher } from './adaptive-batcher';

/** A promise settled from outside, to hold a batch "in flight" as long as a test wants. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('AdaptiveBatcher', () => {
  it('sends an item at once, alone, while a slot is free', async () => {
    const runMany = jest.fn(async (items: number[]) => items.map((n) => n * 10));
    const batcher = new AdaptiveBatcher(runMany, { maxInFlight: 2, maxBatch: 10, runOne: async (n: number) => n * 100 });
    await expect(batcher.submit(1)).resolves.toBe(100);
    expect(runMany).not.toHaveBeenCalled();
  });

  it('groups the items that arrive while every slot is busy into one batch, in order, at most maxBatch each', async () => {
    const held = deferred<number>();
    const batches: number[][] = [];
    const batcher = new AdaptiveBatcher(
      async (items: number[]) => {
        batches.push(items);
        return items.map((n) => n * 10);
      },
      { maxInFlight: 1, maxBatch: 3, runOne: (n: number) => (n === 0 ? held.promise : Promise.resolve(n * 100)) },
    );
    const first = batcher.submit(0);
    const rest = [1, 2, 3, 4, 5].map((n) => batcher.submit(n));
    await flush();
    expect(batches).toEqual([]); // all wait behind the one in flight
    held.resolve(0);
    await expect(first).resolves.toBe(0);
    // 1..3 leave as one batch; 4 and 5 arrived meanwhile and leave together after it.
    await expect(Promise.all(rest)).resolves.toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('runs up to maxInFlight batches at once', async () => {
    const holds = [deferred<number>(), deferred<number>()];
    let running = 0;
    let most = 0;
    const batcher = new AdaptiveBatcher(async (items: number[]) => items, {
      maxInFlight: 2,
      maxBatch: 10,
      runOne: async (n: number) => {
        running++;
        most = Math.max(most, running);
        const value = await holds[n].promise;
        running--;
        return value;
      },
    });
    const both = [batcher.submit(0), batcher.submit(1)];
    await flush();
    expect(running).toBe(2);
    holds.forEach((h, i) => h.resolve(i));
    await expect(Promise.all(both)).resolves.toEqual([0, 1]);
    expect(most).toBe(2);
  });

  it('retries each item of a failed batch alone, so one bad item fails only itself', async () => {
    const held = deferred<string>();
    const alone: string[] = [];
    const batcher = new AdaptiveBatcher(
      async (): Promise<string[]> => {
        throw new Error('deadlock detected');
      },
      {
        maxInFlight: 1,
        maxBatch: 10,
        runOne: async (item: string) => {
          if (item === 'hold') return held.promise;
          alone.push(item);
          if (item === 'bad') throw new Error('bad item');
          return item.toUpperCase();
        },
      },
    );
    const hold = batcher.submit('hold');
    const results = ['a', 'bad', 'b'].map((item) => batcher.submit(item).catch((error: Error) => error.message));
    held.resolve('held');
    await hold;
    await expect(Promise.all(results)).resolves.toEqual(['A', 'bad item', 'B']);
    expect(alone.sort()).toEqual(['a', 'b', 'bad']);
  });

  describe('without runOne, gathering one turn', () => {
    it('sends the calls of one turn as one batch and hands each caller its own result', async () => {
      const batches: number[][] = [];
      const batcher = new AdaptiveBatcher(async (xs: number[]) => (batches.push(xs), xs.map((x) => x * 10)), {
        maxInFlight: 2,
        maxBatch: 100,
        gatherTurn: true,
      });
      await expect(Promise.all([1, 2, 3].map((x) => batcher.submit(x)))).resolves.toEqual([10, 20, 30]);
      expect(batches).toEqual([[1, 2, 3]]);
    });

    it('keeps at most maxInFlight batches running; calls made meanwhile go in the next, at most maxBatch each', async () => {
      const batches: number[][] = [];
      const release: Array<() => void> = [];
      const batcher = new AdaptiveBatcher(
        (xs: number[]) => new Promise<number[]>((resolve) => (batches.push(xs), release.push(() => resolve(xs)))),
        {
          maxInFlight: 1,
          maxBatch: 2,
          gatherTurn: true,
        },
      );
      const settle = async () => {
        for (let i = 0; i < 5; i++) await flush();
      };
      const first = batcher.submit(1);
      await settle();
      const later = [2, 3, 4].map((x) => batcher.submit(x));
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

    it('fails every call of a failed batch with its error, and the next batch runs', async () => {
      let fail = true;
      const batcher = new AdaptiveBatcher(
        async (xs: number[]) => {
          if (fail) throw new Error('database restarting');
          return xs;
        },
        { maxInFlight: 2, maxBatch: 100, gatherTurn: true },
      );
      const failed = [batcher.submit(1), batcher.submit(2)].map((p) => p.catch((e: Error) => e.message));
      await expect(Promise.all(failed)).resolves.toEqual(['database restarting', 'database restarting']);
      fail = false;
      await expect(batcher.submit(3)).resolves.toBe(3);
    });
  });

  describe('lingering while a batch runs (lingerMs)', () => {
    /** A batcher whose lone items named hold… stay in flight until released; batches of several are recorded. */
    function holding(options: { maxInFlight: number; maxBatch: number; lingerMs: number }) {
      const holds = new Map<string, ReturnType<typeof deferred<string>>>();
      const hold = (item: string) => holds.get(item) ?? holds.set(item, deferred<string>()).get(item)!;
      const batches: string[][] = [];
      const alone: string[] = [];
      const batcher = new AdaptiveBatcher(async (items: string[]) => (batches.push(items), items.map((x) => x.toUpperCase())), {
        ...options,
        runOne: async (item: string) => (alone.push(item), item.startsWith('hold') ? hold(item).promise : item.toUpperCase()),
      });
      return { batcher, release: (item: string) => hold(item).resolve(item), batches, alone };
    }

    it('sends an item at once when nothing runs', async () => {
      const { batcher, alone } = holding({ maxInFlight: 2, maxBatch: 10, lingerMs: 60_000 });
      await expect(batcher.submit('a')).resolves.toBe('A');
      expect(alone).toEqual(['a']);
    });

    it('holds an item that finds a slot free while another batch runs, so that later items leave with it', async () => {
      const { batcher, release, batches, alone } = holding({ maxInFlight: 2, maxBatch: 10, lingerMs: 100 });
      const hold = batcher.submit('hold');
      const first = batcher.submit('a');
      await flush();
      expect(alone).toEqual(['hold']); // without lingering, 'a' would have taken the free slot alone
      const later = ['b', 'c'].map((x) => batcher.submit(x));
      await expect(Promise.all([first, ...later])).resolves.toEqual(['A', 'B', 'C']);
      expect(batches).toEqual([['a', 'b', 'c']]);
      release('hold');
      await hold;
    });

    it('sends what waited for a slot as soon as a batch finishes, though another still runs', async () => {
      const { batcher, release, batches, alone } = holding({ maxInFlight: 2, maxBatch: 10, lingerMs: 50 });
      const holds = [batcher.submit('hold1'), batcher.submit('hold2')];
      await waitFor(() => alone.length === 2, 5_000, 'hold2 to take the second slot after its linger');
      const waited = ['a', 'b'].map((item) => batcher.submit(item));
      release('hold1');
      await flush();
      await flush();
      expect(batches).toEqual([['a', 'b']]); // at once, not after another linger
      release('hold2');
      await expect(Promise.all([...holds, ...waited])).resolves.toEqual(['hold1', 'hold2', 'A', 'B']);
    });

    it('sends a full batch (maxBatch) without waiting', async () => {
      const { batcher, release, batches } = holding({ maxInFlight: 2, maxBatch: 3, lingerMs: 60_000 });
      const hold = batcher.submit('hold');
      const full = ['x', 'y', 'z'].map((item) => batcher.submit(item));
      await flush();
      expect(batches).toEqual([['x', 'y', 'z']]);
      await expect(Promise.all(full)).resolves.toEqual(['X', 'Y', 'Z']);
      release('hold');
      await hold;
    });
  });

  describe('gathering from the first item (gatherMs)', () => {
    function recording(options: { maxBatch: number; gatherMs: number }) {
      const batches: string[][] = [];
      const batcher = new AdaptiveBatcher(async (items: string[]) => (batches.push(items), items.map((x) => x.toUpperCase())), {
        maxInFlight: 1,
        ...options,
      });
      return { batcher, batches };
    }

    it('holds a lone item though nothing runs, and sends it with those that joined it', async () => {
      const { batcher, batches } = recording({ maxBatch: 3, gatherMs: 60_000 });
      const first = batcher.submit('a');
      await flush();
      expect(batches).toEqual([]); // without gathering, 'a' would have left alone at once
      const later = ['b', 'c'].map((x) => batcher.submit(x)); // the batch is full now: it leaves without waiting longer
      await expect(Promise.all([first, ...later])).resolves.toEqual(['A', 'B', 'C']);
      expect(batches).toEqual([['a', 'b', 'c']]);
    });

    it('sends a lone item once its wait is over', async () => {
      const { batcher, batches } = recording({ maxBatch: 3, gatherMs: 20 });
      await expect(batcher.submit('a')).resolves.toBe('A');
      expect(batches).toEqual([['a']]);
    });
  });
});
