import { EndpointConcurrency } from './endpoint-concurrency';

describe('EndpointConcurrency', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('holds each endpoint to its limit: the healthy one, or the failing one', () => {
    const slots = new EndpointConcurrency(2, 1);
    expect([slots.tryAcquire('a', false), slots.tryAcquire('a', false), slots.tryAcquire('a', false)]).toEqual([true, true, false]);
    expect(slots.tryAcquire('b', true)).toBe(true);
    expect(slots.tryAcquire('b', true)).toBe(false);
    slots.release('a');
    expect(slots.tryAcquire('a', false)).toBe(true);
  });

  it('passes a freed slot to the first delivery waiting for it, in order, without freeing it for a newcomer', async () => {
    const slots = new EndpointConcurrency(1, 1);
    expect(slots.tryAcquire('a', false)).toBe(true);
    const granted: string[] = [];
    const first = slots.acquire('a', 1_000, 10).then((ok) => ok && granted.push('first'));
    const second = slots.acquire('a', 1_000, 10).then((ok) => ok && granted.push('second'));
    slots.release('a');
    await first;
    expect(granted).toEqual(['first']);
    // The slot went to the waiter: a newcomer still finds the endpoint full.
    expect(slots.tryAcquire('a', false)).toBe(false);
    slots.release('a');
    await second;
    expect(granted).toEqual(['first', 'second']);
    slots.release('a');
    expect(slots.tryAcquire('a', false)).toBe(true);
  });

  it('gives up a wait after its time, and turns away waiters past the bound at once', async () => {
    const slots = new EndpointConcurrency(1, 1);
    slots.tryAcquire('a', false);
    const waited = slots.acquire('a', 500, 1);
    await expect(slots.acquire('a', 500, 1)).resolves.toBe(false);
    jest.advanceTimersByTime(499);
    slots.release('a');
    await expect(waited).resolves.toBe(true);
    const late = slots.acquire('a', 500, 1);
    jest.advanceTimersByTime(500);
    await expect(late).resolves.toBe(false);
    // The timed-out wait is gone: the next release frees the slot.
    slots.release('a');
    expect(slots.tryAcquire('a', false)).toBe(true);
  });

  it('takes a free slot at once, and ends every wait without a slot when the process stops', async () => {
    const slots = new EndpointConcurrency(1, 1);
    await expect(slots.acquire('a', 500, 1)).resolves.toBe(true);
    const waits = [slots.acquire('a', 10_000, 5), slots.acquire('a', 10_000, 5)];
    slots.endWaits();
    await expect(Promise.all(waits)).resolves.toEqual([false, false]);
    expect(jest.getTimerCount()).toBe(0);
  });
});
