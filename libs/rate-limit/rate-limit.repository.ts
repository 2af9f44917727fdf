import { Injectable, Logger } from '@nestjs/common';
import { AdaptiveBatcher } from '@cairn/common';
import { RedisService } from '@cairn/redis';
import { Limit } from './rate-limit.policy';

// Fixed windows: INCR every counter, start its window on the first hit, and
// answer, per request, the longest wait of any of its counters over its limit
// (0 = allowed). The requests of a batch go in order, each counter's INCR after
// the ones before it, as separate calls would. Arguments: the number of
// requests, each request's number of counters, then a limit and a window (ms)
// per counter; KEYS hold the counters of all requests, request by request.
const HIT_SCRIPT = `
local requests = tonumber(ARGV[1])
local waits = {}
local k = 0
for r = 1, requests do
  local wait = 0
  for _ = 1, tonumber(ARGV[1 + r]) do
    k = k + 1
    local limit = tonumber(ARGV[requests + 2 * k])
    local window = tonumber(ARGV[requests + 2 * k + 1])
    local count = redis.call('INCR', KEYS[k])
    if count == 1 then redis.call('PEXPIRE', KEYS[k], window) end
    if count > limit then
      local ttl = redis.call('PTTL', KEYS[k])
      if ttl < 0 then redis.call('PEXPIRE', KEYS[k], window); ttl = window end
      if ttl > wait then wait = ttl end
    end
  end
  waits[r] = wait
end
return waits`;

// Requests checked while a call runs leave together as the next one: under load one script call serves many.
// Measured 2026-12-05: 50 concurrent checkers in one process spent 34 µs of CPU per check with a call each, 20 µs
// batched; under bench:answering Redis spent 0.03-0.05 ms per answer instead of 0.06-0.10 (Redis is one thread
// shared by every API process) and the API made 1.7 socket writes per answer instead of 2.4. Idle, a request goes
// at once. Two calls at most in flight, so a request waits at most one command timeout for a slot while Redis
// hangs, then its own: it still answers within two timeouts.
const HIT_BATCHES = { maxInFlight: 2, maxBatch: 200 };

export interface Counter {
  /** Key parts after the Redis prefix, e.g. ['rl', 'answer-submit', 'ip', '1.2.3.4']. */
  key: string[];
  limit: Limit;
}

type HitCommand = (this: unknown, ...args: (string | number)[]) => Promise<number[]>;

/** Rate-limit counters in Redis, shared by every API process. */
@Injectable()
export class RateLimitRepository {
  private readonly logger = new Logger(RateLimitRepository.name);
  private readonly batches = new AdaptiveBatcher<Counter[], number>((requests) => this.hitMany(requests), HIT_BATCHES);

  constructor(private readonly redis: RedisService) {
    // A defined command runs by its SHA (EVALSHA): the script is not resent with every request.
    redis.client.defineCommand('cairnRateLimitHits', { lua: HIT_SCRIPT });
  }

  /** Counts one hit on every counter; resolves to the seconds to wait, 0 when allowed. */
  async hit(counters: Counter[]): Promise<number> {
    if (!counters.length) return 0;
    try {
      const waitMs = await this.batches.submit(counters);
      return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
    } catch (error) {
      // Fail open: a Redis outage must not stop customers from answering.
      this.logger.warn(`rate limiting skipped, Redis failed: ${(error as Error).message}`);
      return 0;
    }
  }

  /** The waits (ms) of several requests' counters, in one script call. */
  private async hitMany(requests: Counter[][]): Promise<number[]> {
    const keys = requests.flatMap((counters) => counters.map((c) => this.redis.key(...c.key)));
    const args = [
      requests.length,
      ...requests.map((counters) => counters.length),
      ...requests.flatMap((counters) => counters.flatMap((c) => [c.limit.limit, c.limit.windowSeconds * 1000])),
    ];
    const hits = (this.redis.client as unknown as { cairnRateLimitHits: HitCommand }).cairnRateLimitHits;
    const waits = await hits.call(this.redis.client, keys.length, ...keys, ...args);
    return waits.map(Number);
  }
}
