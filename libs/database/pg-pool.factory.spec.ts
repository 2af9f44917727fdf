import type { Pool, PoolClient } from 'pg';
import { ADMIN_URL } from '../../test/utils/test-database';
import { createPgPool, PG_IDLE_TIMEOUT_MS } from './pg-pool.factory';

/**
 * A burst's connections stay open between bursts: a new backend plans every statement on cold catalog caches (39 ms
 * against 0.5-1 ms for the webhook snapshot), so closing them after node-postgres's 10 s cost the database that again
 * at each burst. Real sockets, Postgres and the pool's own timers; only the clock that drives those timers is fake.
 */
describe('createPgPool keeps idle connections', () => {
  let pool: Pool;

  /** Opens `n` connections at once (a burst), notes their backends and gives them back. */
  async function burst(n: number): Promise<number[]> {
    const clients: PoolClient[] = await Promise.all(Array.from({ length: n }, () => pool.connect()));
    const pids = await Promise.all(
      clients.map(async (c) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid),
    );
    for (const c of clients) c.release();
    return pids.sort((a, b) => a - b);
  }

  beforeEach(() => {
    // setTimeout/clearTimeout only: the driver's socket callbacks must run as usual.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'hrtime', 'performance', 'Date'] });
    pool = createPgPool(ADMIN_URL, 3, 'pg-pool-spec');
  });
  afterEach(async () => {
    jest.useRealTimers();
    await pool.end();
  });

  it('serves the next burst, a minute later, on the same backends', async () => {
    const first = await burst(3);
    jest.advanceTimersByTime(60_000);
    expect(pool.idleCount).toBe(3);
    expect(await burst(3)).toEqual(first);
  });

  it('closes them once they have been idle for PG_IDLE_TIMEOUT_MS', async () => {
    await burst(3);
    jest.advanceTimersByTime(PG_IDLE_TIMEOUT_MS - 1_000);
    expect(pool.totalCount).toBe(3);
    jest.advanceTimersByTime(1_000);
    expect(pool.totalCount).toBe(0);
  });
});
