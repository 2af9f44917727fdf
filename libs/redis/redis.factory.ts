import IORedis, { Redis } from 'ioredis';

/**
 * How long a command may take before its caller gets an error. Requests must
 * answer while Redis is down or hung (503 or the outbox), never wait on it.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 1500;

/**
 * Two kinds of connection. Workers (forWorker) block on BRPOPLPUSH-style
 * commands, so BullMQ needs maxRetriesPerRequest null and an offline queue.
 * Everything else (requests, queue producers) fails fast: no offline queue,
 * a command timeout, one retry after a reconnect.
 */
export function createRedis(url: string, forWorker = false): Redis {
  if (forWorker) return new IORedis(url, { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: false });
  return new IORedis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    lazyConnect: false,
  });
}
