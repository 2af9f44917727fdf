import IORedis, { Cluster, Redis, RedisOptions } from 'ioredis';
import type { AppConfig } from '@cairn/config';
import { withCommandDeadline } from './command-deadline';

/**
 * How long a command may take before its caller gets an error. Requests must
 * answer while Redis is down or hung (503 or the outbox), never wait on it.
 * Time the process itself was starved of does not count (command-deadline.ts).
 */
export const REDIS_COMMAND_TIMEOUT_MS = 1500;

/** Where Redis is: one server (REDIS_URL) or the nodes of a Redis Cluster (REDIS_CLUSTER_NODES). */
export type RedisConnectionConfig = Pick<AppConfig, 'redisUrl' | 'redisClusterNodes'>;

/**
 * Two kinds of connection. Workers (forWorker) block on BRPOPLPUSH-style
 * commands, so BullMQ needs maxRetriesPerRequest null and an offline queue.
 * Everything else (requests, queue producers) fails fast: no offline queue,
 * a command deadline, one retry after a reconnect. On a cluster the same
 * options hold per node, and the deadline runs from the moment the cluster
 * client takes a command (its retries during a failover included); the client
 * follows MOVED/ASK and a failover's new master by itself. A Cluster has the
 * command interface of a Redis (ioredis's Commander): callers keep one type.
 */
export function createRedis(config: RedisConnectionConfig, forWorker = false): Redis {
  const options: RedisOptions = forWorker
    ? { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: false }
    : { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false };
  const deadline = <T extends Redis>(client: T): T => (forWorker ? client : withCommandDeadline(client, REDIS_COMMAND_TIMEOUT_MS));
  if (!config.redisClusterNodes) return deadline(new IORedis(config.redisUrl, options));
  const cluster = new Cluster(config.redisClusterNodes, {
    redisOptions: options,
    enableOfflineQueue: options.enableOfflineQueue,
    lazyConnect: false,
    // While a failover is elected the old master refuses writes (CLUSTERDOWN, TRYAGAIN): ask again shortly.
    retryDelayOnClusterDown: 200,
    retryDelayOnTryAgain: 100,
    retryDelayOnFailover: 200,
  });
  return deadline(cluster as unknown as Redis);
}

/**
 * Prefix of the keys Cairn makes itself (rate limits, login throttle, link opens). On a cluster it is a hash tag,
 * so that a script's several keys share one slot, as Redis Cluster requires.
 */
export function redisKeyPrefix(config: RedisConnectionConfig & Pick<AppConfig, 'redisPrefix'>): string {
  return config.redisClusterNodes ? `{${config.redisPrefix}}` : config.redisPrefix;
}

/**
 * BullMQ prefix of one queue. On a cluster every key of a queue must share a hash tag (BullMQ's rule for
 * clusters); one tag per queue spreads the queues over the masters.
 */
export function queuePrefix(config: RedisConnectionConfig & Pick<AppConfig, 'redisPrefix'>, queue: string): string {
  return config.redisClusterNodes ? `{${config.redisPrefix}:${queue}}` : config.redisPrefix;
}
