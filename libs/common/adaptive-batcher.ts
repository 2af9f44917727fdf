export interface AdaptiveBatcherOptions {
  /** Batches running at once; further items wait and leave together as the next batch. */
  maxInFlight: number;
  /** Items per batch at most. */
  maxBatch: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for a hot statement: an item goes out at once while fewer
 * than `maxInFlight` batches run (so an idle system adds no latency), and
 * items that arrive while all slots are busy leave together, as one batch,
 * when a slot frees. Under load the database then runs a few multi-row
 * statements instead of one statement per request: fewer commits, snapshots
 * and round trips, and far less contention on the same index pages.
 *
 * `run` answers one output per input, in order. When a batch fails as a
 * whole, each of its items is retried alone through `runOne`, so one bad item
 * (or a deadlock between two batches) fails only itself.
 */
export class AdaptiveBatcher<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private inFlight = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly runOne: (item: I) => Promise<O>,
    private readonly options: AdaptiveBatcherOptions,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.execute(batch).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  private async execute(batch: Waiting<I, O>[]): Promise<void> {
    if (batch.length === 1) return this.settleAlone(batch[0]);
    let outputs: O[];
    try {
      outputs = await this.run(batch.map((w) => w.item));
    } catch {
      await Promise.all(batch.map((w) => this.settleAlone(w)));
      return;
    }
    batch.forEach((w, i) => w.resolve(outputs[i]));
  }

  private async settleAlone(w: Waiting<I, O>): Promise<void> {
    try {
      w.resolve(await this.runOne(w.item));
    } catch (error) {
      w.reject(error);
    }
  }
}
