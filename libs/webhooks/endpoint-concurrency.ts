/**
 * Attempts in flight per endpoint in this process. A hanging receiver may hold
 * only a few of the worker's slots, so it can never starve a healthy one.
 */
export class EndpointConcurrency {
  private readonly inFlight = new Map<string, number>();

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

  release(endpointId: string): void {
    const current = (this.inFlight.get(endpointId) ?? 1) - 1;
    if (current <= 0) this.inFlight.delete(endpointId);
    else this.inFlight.set(endpointId, current);
  }
}
