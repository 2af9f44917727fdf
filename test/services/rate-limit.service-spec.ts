import { once } from 'node:events';
import { Counter, RateLimitModule, RateLimitRepository } from '@cairn/rate-limit';
import { RedisService } from '@cairn/redis';
import { createServiceTest, ServiceTest } from '../utils/service-test';

type HitCommand = (...args: unknown[]) => Promise<number[]>;

/**
 * The rate-limit counters (real Redis): requests checked at once go to Redis in
 * one script call, and each still gets the verdict it would get alone.
 */
describe('RateLimitRepository.hit (service tier, real Redis)', () => {
  let t: ServiceTest;
  let counters: RateLimitRepository;
  let redis: RedisService;
  let calls: number;

  beforeAll(async () => {
    t = await createServiceTest([RateLimitModule]);
    counters = t.get(RateLimitRepository);
    redis = t.get(RedisService);
    if (redis.client.status !== 'ready') await once(redis.client, 'ready');
    // Counts the script calls on the real client (the command still runs on Redis).
    const client = redis.client as unknown as { cairnRateLimitHits: HitCommand };
    const hits = client.cairnRateLimitHits;
    client.cairnRateLimitHits = function (this: unknown, ...args: unknown[]) {
      calls++;
      return hits.apply(this, args);
    };
  });
  beforeEach(() => {
    calls = 0;
  });
  afterAll(() => t?.close());

  const counter = (name: string, limit: number, windowSeconds = 60): Counter => ({
    key: ['rl-test', name],
    limit: { limit, windowSeconds },
  });
  const unique = () => crypto.randomUUID();

  it('lets the first `limit` hits of a window through and asks the rest to wait out the window', async () => {
    const name = unique();
    const waits = await Promise.all(Array.from({ length: 7 }, () => counters.hit([counter(name, 4, 30)])));
    // In the order they were made, as separate calls would count them.
    expect(waits.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(waits.slice(4)).toEqual([30, 30, 30]);
    expect(await redis.client.get(redis.key('rl-test', name))).toBe('7');
    const ttl = await redis.client.pttl(redis.key('rl-test', name));
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });

  it('checks requests made at once in fewer script calls than requests, each with its own counters', async () => {
    const [shared, full, free] = [unique(), unique(), unique()];
    await counters.hit([counter(full, 1, 20)]); // full: its next hit is over the limit
    calls = 0;
    const requests = Array.from({ length: 40 }, (_, i) =>
      i % 2 ? [counter(shared, 100), counter(full, 1, 20)] : [counter(shared, 100), counter(free, 1000)],
    );
    const waits = await Promise.all(requests.map((request) => counters.hit(request)));
    expect(waits).toEqual(requests.map((_, i) => (i % 2 ? 20 : 0)));
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThan(requests.length);
    expect(await redis.client.get(redis.key('rl-test', shared))).toBe('40');
    expect(await redis.client.get(redis.key('rl-test', free))).toBe('20');
    expect(await redis.client.get(redis.key('rl-test', full))).toBe('21');
  });

  it('goes to Redis at once when nothing else is being checked', async () => {
    expect(await counters.hit([counter(unique(), 5)])).toBe(0);
    expect(calls).toBe(1);
  });

  it('answers 0 for nothing to count, without a call', async () => {
    expect(await counters.hit([])).toBe(0);
    expect(calls).toBe(0);
  });

  it('lets every request of a batch through when Redis fails (fail open), and counts again once it is back', async () => {
    const name = unique();
    // Dropped and reconnecting: the calls fail at once (no offline queue).
    redis.client.disconnect(true);
    const waits = await Promise.all(Array.from({ length: 5 }, () => counters.hit([counter(name, 1)])));
    expect(waits).toEqual([0, 0, 0, 0, 0]);
    await once(redis.client, 'ready');
    expect(await redis.client.get(redis.key('rl-test', name))).toBeNull();
    expect(await Promise.all([counters.hit([counter(name, 1, 10)]), counters.hit([counter(name, 1, 10)])])).toEqual([0, 10]);
  });
});
