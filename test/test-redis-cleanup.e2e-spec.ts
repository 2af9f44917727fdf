import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { deleteRedisPrefix, deleteRunPrefixes, testRedisPrefix } from './utils/redis-prefix';
import { startTestApi } from './utils/test-app';

// The test utilities themselves: a file's Redis keys go when it closes, and
// globalTeardown removes what this run's crashed files left, nobody else's.
describe('test Redis prefixes are cleaned up', () => {
  const redis = new Redis('redis://127.0.0.1:6379');
  afterAll(() => redis.disconnect());

  async function keysOf(pattern: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return found;
  }

  it('closing a test app deletes every key under its prefix', async () => {
    const ctx = await startTestApi();
    const prefix = ctx.config.redisPrefix;
    try {
      expect(prefix).toMatch(new RegExp(`^cairn-test-${process.env.CAIRN_TEST_RUN}-`));
      // A few writes that leave keys behind: queued work and the API's own state.
      await ctx.api('post', '/api/v1/events').send({ type: 'nothing.listens', person: { email: 'keys@example.com' } });
      await redis.set(`${prefix}:probe`, '1');
      expect((await keysOf(`${prefix}:*`)).length).toBeGreaterThan(0);
    } finally {
      await ctx.close();
    }
    expect(await keysOf(`${prefix}:*`)).toEqual([]);
  });

  it('removes the keys of one run (as globalTeardown does) and leaves other runs and prefixes alone', async () => {
    const run = `zz${randomBytes(3).toString('hex')}`;
    const other = `zz${randomBytes(3).toString('hex')}`;
    const lost = `cairn-test-${run}-crashed`;
    const kept = `cairn-test-${other}-running`;
    const similar = `cairn-test-${run}x-neighbour`;
    await redis.mset(`${lost}:bull:a`, '1', `${lost}:rate:b`, '1', `${kept}:bull:a`, '1', `${similar}:bull:a`, '1');
    try {
      expect(await deleteRunPrefixes('redis://127.0.0.1:6379', run)).toBe(2);
      expect(await keysOf(`${lost}:*`)).toEqual([]);
      expect(await redis.exists(`${kept}:bull:a`, `${similar}:bull:a`)).toBe(2);
    } finally {
      await redis.del(`${lost}:bull:a`, `${lost}:rate:b`, `${kept}:bull:a`, `${similar}:bull:a`);
    }
  });

  it('deletes only the exact prefix of a file, not one that merely starts the same', async () => {
    const prefix = testRedisPrefix('exact');
    await redis.mset(`${prefix}:a`, '1', `${prefix}0:a`, '1');
    try {
      expect(await deleteRedisPrefix('redis://127.0.0.1:6379', prefix)).toBe(1);
      expect(await redis.exists(`${prefix}0:a`)).toBe(1);
    } finally {
      await redis.del(`${prefix}:a`, `${prefix}0:a`);
    }
  });
});
