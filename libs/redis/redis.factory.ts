import IORedis, { Redis } from 'ioredis';

/** BullMQ workers need maxRetriesPerRequest null: blocking commands must wait, not fail. */
export function createRedis(url: string, forWorker = false): Redis {
  return new IORedis(url, {
    maxRetriesPerRequest: forWorker ? null : 3,
    enableOfflineQueue: forWorker,
    lazyConnect: false,
  });
}
