import type { INestApplicationContext } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Clock } from '@cairn/common';

const instant = new AsyncLocalStorage<Date>();
const steered = new WeakSet<Clock>();

/**
 * Runs `work` with the app's Clock (its one global provider, so every service
 * reads it) telling `at`. Only calls made inside `work` see that instant: the
 * API's own requests, the outbox relay and the worker keep the real time, so
 * fixtures can place answers in the past without moving "now" for the test.
 */
export function atInstant<T>(app: INestApplicationContext, at: Date, work: () => Promise<T>): Promise<T> {
  const clock = app.get(Clock);
  if (!steered.has(clock)) {
    const real = clock.now.bind(clock);
    clock.now = () => {
      const fixed = instant.getStore();
      return fixed ? new Date(fixed) : real();
    };
    steered.add(clock);
  }
  return instant.run(new Date(at), work);
}
