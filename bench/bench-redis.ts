// What a benchmark run leaves in Redis: every key under its own prefix, removed when it ends.
import { Redis } from 'ioredis';

export async function deleteBenchKeys(prefix: string, url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'): Promise<void> {
  const redis = new Redis(url);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
