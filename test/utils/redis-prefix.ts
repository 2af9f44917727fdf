import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const RUN_VARIABLE = 'CAIRN_TEST_RUN';

/** Set once per jest run by globalSetup; every test prefix of the run starts with it. */
export function newTestRun(): string {
  const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  process.env[RUN_VARIABLE] = run;
  return run;
}

function runPrefix(run = process.env[RUN_VARIABLE] ?? 'norun'): string {
  return `cairn-test-${run}-`;
}

/** A Redis key prefix for one test file (or one test), recognisably of this run. */
export function testRedisPrefix(label = ''): string {
  return `${runPrefix()}${label ? `${label}-` : ''}${randomBytes(4).toString('hex')}`;
}

/**
 * Deletes every key matching `pattern` with SCAN + UNLINK (never KEYS: other
 * engineers' tests share this Redis). Returns how many keys went.
 */
async function deleteMatching(redisUrl: string, pattern: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** The keys of one test file, at its end. */
export function deleteRedisPrefix(redisUrl: string, prefix: string): Promise<number> {
  return deleteMatching(redisUrl, `${prefix}:*`);
}

/** Whatever this run's files left behind (a crashed file never reached its own clean-up). */
export function deleteRunPrefixes(redisUrl: string, run = process.env[RUN_VARIABLE]): Promise<number> {
  if (!run) return Promise.resolve(0);
  return deleteMatching(redisUrl, `${runPrefix(run)}*`);
}
