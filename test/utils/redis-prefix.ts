import { randomBytes } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import { loadConfig } from '@cairn/config';
import type { RedisConnectionConfig } from '@cairn/redis';

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

/** Where the run's Redis is: REDIS_CLUSTER_NODES (set by `npm run test:redis-cluster`'s globalSetup) or REDIS_URL. */
export function testRedisConnection(): RedisConnectionConfig {
  const { redisUrl, redisClusterNodes } = loadConfig({
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_CLUSTER_NODES: process.env.REDIS_CLUSTER_NODES ?? '',
  });
  return { redisUrl, redisClusterNodes };
}

/** The variables a spawned API or worker process needs to reach the same Redis (or Redis Cluster). */
export function redisEnv(config: RedisConnectionConfig): Record<string, string> {
  const nodes = config.redisClusterNodes?.map((node) => `${node.host}:${node.port}`).join(',');
  return { REDIS_URL: config.redisUrl, ...(nodes ? { REDIS_CLUSTER_NODES: nodes } : {}) };
}

/** A plain REDIS_URL, or a connection config (on a cluster every master is scanned). */
export type RedisTarget = string | RedisConnectionConfig;

/**
 * Deletes every key matching one of `patterns` with SCAN + UNLINK (never KEYS: other engineers' tests share this
 * Redis). On a cluster SCAN sees one node's keys only, so it runs on every master, and each key is unlinked on its
 * own (one UNLINK of keys in several slots is refused with CROSSSLOT). Returns how many keys went.
 */
async function deleteMatching(target: RedisTarget, patterns: string[]): Promise<number> {
  const config = typeof target === 'string' ? { redisUrl: target, redisClusterNodes: null } : target;
  if (!config.redisClusterNodes) {
    const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    try {
      let deleted = 0;
      for (const pattern of patterns) deleted += await scanAndUnlink(redis, pattern, (keys) => redis.unlink(...keys));
      return deleted;
    } finally {
      redis.disconnect();
    }
  }
  const cluster = new Cluster(config.redisClusterNodes, { lazyConnect: true, redisOptions: { maxRetriesPerRequest: 1 } });
  await cluster.connect();
  try {
    let deleted = 0;
    for (const master of cluster.nodes('master')) {
      for (const pattern of patterns) {
        deleted += await scanAndUnlink(master, pattern, async (keys) => {
          const results = (await master.pipeline(keys.map((key) => ['unlink', key])).exec()) ?? [];
          // A key whose slot moved meanwhile (a failover) answers MOVED: it is not counted.
          return results.reduce((sum, [error, count]) => sum + (error ? 0 : Number(count)), 0);
        });
      }
    }
    return deleted;
  } finally {
    cluster.disconnect();
  }
}

async function scanAndUnlink(redis: Redis, pattern: string, unlink: (keys: string[]) => Promise<number>): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) deleted += await unlink(keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}

/**
 * The patterns of one prefix's keys. On a cluster Cairn's keys are {prefix}:… and each queue's {prefix:queue}:…
 * (redisKeyPrefix, queuePrefix: hash tags); a test may still write prefix:… itself.
 */
function prefixPatterns(target: RedisTarget, prefix: string): string[] {
  const cluster = typeof target !== 'string' && target.redisClusterNodes;
  return cluster ? [`${prefix}:*`, `{${prefix}}:*`, `{${prefix}:*`] : [`${prefix}:*`];
}

/** The keys of one test file, at its end. */
export function deleteRedisPrefix(target: RedisTarget, prefix: string): Promise<number> {
  return deleteMatching(target, prefixPatterns(target, prefix));
}

/** Whatever this run's files left behind (a crashed file never reached its own clean-up). */
export function deleteRunPrefixes(target: RedisTarget, run = process.env[RUN_VARIABLE]): Promise<number> {
  if (!run) return Promise.resolve(0);
  const cluster = typeof target !== 'string' && target.redisClusterNodes;
  return deleteMatching(target, cluster ? [`${runPrefix(run)}*`, `{${runPrefix(run)}*`] : [`${runPrefix(run)}*`]);
}
