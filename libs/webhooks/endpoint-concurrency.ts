interface SlotWait {
  grant: (acquired: boolean) => void;
  timer: NodeJS.Timeout;
}

/**
 * Attempts in flight per endpoint in this process. A hanging receiver may hold
 * only a few of the worker's slots, so it can never starve a healthy one.
 * Deliveries to a healthy endpoint whose slots are all taken may wait here
 * for one, first come first served: a freed slot passes straight to the
 * next of them.
 */
export class EndpointConcurrency {
  private readonly inFlight = new Map<string, number>();
  private readonly waits = new Map<string, SlotWait[]>();

  constructor(
    readonly healthyLimit = 20,
    readonly failingLimit = 2,
  ) {}

  tryAcquire(endpointId: string, failing: boolean): boolean {
    const current = this.inFlight.get(endpointId) ?? 0;
    if (current >= (failing ? this.failingLimit : this.healthyLimit)) return false;
    this.inFlight.set(endpointId, current + 1);
    return true;
  }

  /**
   * A slot of a healthy endpoint, now or as soon as one frees within `maxWaitMs`. False when none came in time, or
   * when `maxWaiting` already wait for this endpoint.
   */
  acquire(endpointId: string, maxWaitMs: number, maxWaiting: number): Promise<boolean> {
    if (this.tryAcquire(endpointId, false)) return Promise.resolve(true);
    const queue = this.waits.get(endpointId) ?? [];
    if (queue.length >= maxWaiting) return Promise.resolve(false);
    this.waits.set(endpointId, queue);
    return new Promise<boolean>((resolve) => {
      const wait: SlotWait = {
        grant: resolve,
        timer: setTimeout(() => {
          this.forget(endpointId, wait);
          resolve(false);
        }, maxWaitMs),
      };
      queue.push(wait);
    });
  }

  release(endpointId: string): void {
    const next = this.waits.get(endpointId)?.[0];
    if (next) {
      // The slot passes on: the count in flight stays as it is.
      this.forget(endpointId, next);
      clearTimeout(next.timer);
      return next.grant(true);
    }
    const current = (this.inFlight.get(endpointId) ?? 1) - 1;
    if (current <= 0) this.inFlight.delete(endpointId);
    else this.inFlight.set(endpointId, current);
  }

  /** Ends every wait without a slot (the process is stopping). */
  endWaits(): void {
    for (const [endpointId, queue] of [...this.waits]) {
      for (const wait of [...queue]) {
        this.forget(endpointId, wait);
        clearTimeout(wait.timer);
        wait.grant(false);
      }
    }
  }

  private forget(endpointId: string, wait: SlotWait): void {
    const queue = this.waits.get(endpointId);
    const at = queue?.indexOf(wait) ?? -1;
    if (!queue || at < 0) return;
    queue.splice(at, 1);
    if (!queue.length) this.waits.delete(endpointId);
  }
}
