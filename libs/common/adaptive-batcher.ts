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
   * While another batch runs, an item that finds a slot free waits this long
   * for others to join it, instead of taking the slot alone; items waiting when
   * a batch finishes leave at once, and an idle batcher still sends at once.
   * Requests that arrive one by one (HTTP) otherwise fill the free slots one
   * item each, and the database pays a transaction per item. A full batch
   * (maxBatch) leaves without waiting.
   */
  lingerMs?: number;
  /**
   * Every batch waits this long from its first item for others to join it,
   * even when nothing runs (a full batch leaves at once, and items waiting
   * when a batch finishes leave with the next at once). For writes nobody is
   * waiting for: items that arrive a few milliseconds apart, each finding the
   * batcher idle, otherwise leave one statement each.
   */
  gatherMs?: number;
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
 * `maxInFlight` batches run (an idle system adds no latency, unless told to
 * gather: gatherMs), and items that arrive while every slot is busy leave
 * together, as one batch, when a slot frees. Under load the database then runs
 * a few multi-row statements instead of one statement per request: fewer
 * commits, snapshots and round trips, and far less contention on the same
 * index pages. `run` answers one output per input, in order.
 */
export class AdaptiveBatcher<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private inFlight = 0;
  private gathering = false;
  private lingerTimer: NodeJS.Timeout | undefined;

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
    if (this.options.gatherMs) return this.linger(this.options.gatherMs);
    if (this.options.lingerMs && this.inFlight > 0) return this.linger(this.options.lingerMs);
    if (!this.options.gatherTurn) return this.drain();
    if (this.gathering || this.inFlight >= this.options.maxInFlight) return;
    this.gathering = true;
    setImmediate(() => {
      this.gathering = false;
      this.drain();
    });
  }

  private linger(ms: number): void {
    if (this.waiting.length >= this.options.maxBatch) return this.drain();
    if (this.lingerTimer || this.inFlight >= this.options.maxInFlight) return;
    this.lingerTimer = setTimeout(() => this.drain(), ms);
  }

  private drain(): void {
    // Whatever lingered leaves now (or left with a batch that finished first).
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.execute(batch).finally(() => {
        this.inFlight--;
        // What waited for this slot leaves now (with gatherTurn, after the turn's other calls joined it).
        if (this.waiting.length === 0) return;
        if (this.options.gatherTurn) this.schedule();
        else this.drain();
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
