export interface AdaptiveBatcherOptions<I, O> {
  /** Batches running at once; further items wait and leave together as the next batch. */
  maxInFlight: number;
  /** Items per batch at most. */
  maxBatch: number;
  /**
   * Wait one turn of the event loop before a batch leaves, so that calls made
   * in the same turn (the jobs of one BullMQ fetch) go together even when a
   * slot is free. Without it an item leaves at once while a slot is free.
   */
  gatherTurn?: boolean;
  /**
   * Runs one item alone. When given, a lone item goes through it, and an item
   * of a failed batch is retried through it, so one bad item (or a deadlock
   * between two batches) fails only itself. Without it, a failed batch fails
   * each of its items with the batch's error.
   */
  runOne?: (item: I) => Promise<O>;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for a hot statement: an item goes out while fewer than
 * `maxInFlight` batches run (an idle system adds no latency), and items that
 * arrive while every slot is busy leave together, as one batch, when a slot
 * frees. Under load the database then runs a few multi-row statements instead
 * of one statement per request: fewer commits, snapshots and round trips, and
 * far less contention on the same index pages. `run` answers one output per
 * input, in order.
 */
export class AdaptiveBatcher<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private inFlight = 0;
  private gathering = false;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: AdaptiveBatcherOptions<I, O>,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (!this.options.gatherTurn) return this.drain();
    if (this.gathering || this.inFlight >= this.options.maxInFlight) return;
    this.gathering = true;
    setImmediate(() => {
      this.gathering = false;
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.execute(batch).finally(() => {
        this.inFlight--;
        if (this.waiting.length > 0) this.schedule();
      });
    }
  }

  private async execute(batch: Waiting<I, O>[]): Promise<void> {
    const { runOne } = this.options;
    if (batch.length === 1 && runOne) return this.settle(batch[0], runOne);
    let outputs: O[];
    try {
      outputs = await this.run(batch.map((w) => w.item));
    } catch (error) {
      if (runOne) await Promise.all(batch.map((w) => this.settle(w, runOne)));
      else batch.forEach((w) => w.reject(error));
      return;
    }
    batch.forEach((w, i) => w.resolve(outputs[i]));
  }

  private async settle(w: Waiting<I, O>, runOne: (item: I) => Promise<O>): Promise<void> {
    try {
      w.resolve(await runOne(w.item));
    } catch (error) {
      w.reject(error);
    }
  }
}
