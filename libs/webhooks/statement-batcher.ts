interface Waiting<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs calls made close together as one statement: calls made in the same
 * turn of the event loop, or while `maxInFlight` batches are running, go out
 * together in the next batch (at most `maxBatch`). Each caller gets its own
 * result, or the batch's error. Under load the batches grow by themselves;
 * alone, a call waits one setImmediate.
 */
export class StatementBatcher<I, O> {
  private waiting: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    /** Must return one output per input, in the same order. */
    private readonly run: (inputs: I[]) => Promise<O[]>,
    private readonly maxBatch = 100,
    private readonly maxInFlight = 2,
  ) {}

  call(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || !this.waiting.length || this.inFlight >= this.maxInFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.waiting.length && this.inFlight < this.maxInFlight) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight++;
      void this.run(batch.map((w) => w.input))
        .then(
          (outputs) => batch.forEach((w, i) => w.resolve(outputs[i])),
          (error: unknown) => batch.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          this.inFlight--;
          this.schedule();
        });
    }
  }
}
