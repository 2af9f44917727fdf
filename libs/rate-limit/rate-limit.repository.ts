import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '@cairn/redis';
import { Limit } from './rate-limit.policy';

// Fixed windows: INCR every counter, start its window on the first hit, and
// answer the longest wait of any counter over its limit (0 = allowed). One
// round trip for all counters of a request.
const HIT_SCRIPT = `
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i - 1])
  local window = tonumber(ARGV[2 * i])
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('PEXPIRE', key, window) end
  if count > limit then
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then redis.call('PEXPIRE', key, window); ttl = window end
    if ttl > wait then wait = ttl end
  end
end
return wait`;

export interface Counter {
  /** Key parts after the Redis prefix, e.g. ['rl', 'answer-submit', 'ip', '1.2.3.4']. */
  key: string[];
  limit: Limit;
}

/** Rate-limit counters in Redis, shared by every API process. */
@Injectable()
export class RateLimitRepository {
  private readonly logger = new Logger(RateLimitRepository.name);

  constructor(private readonly redis: RedisService) {
    // A defined command runs by its SHA (EVALSHA): the script is not resent with every request.
    redis.client.defineCommand('cairnRateLimitHit', { lua: HIT_SCRIPT });
  }

  /** Counts one hit on every counter; resolves to the seconds to wait, 0 when allowed. */
  async hit(counters: Counter[]): Promise<number> {
    if (!counters.length) return 0;
    try {
      const keys = counters.map((c) => this.redis.key(...c.key));
      const args = counters.flatMap((c) => [c.limit.limit, c.limit.windowSeconds * 1000]);
      const hit = (this.redis.client as unknown as { cairnRateLimitHit: (...a: (string | number)[]) => Promise<number> }).cairnRateLimitHit;
      const waitMs = Number(await hit.call(this.redis.client, keys.length, ...keys, ...args));
      return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
    } catch (error) {
      // Fail open: a Redis outage must not stop customers from answering.
      this.logger.warn(`rate limiting skipped, Redis failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
