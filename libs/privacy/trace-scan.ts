import type { Redis } from 'ioredis';
import type { PrismaService } from '../database/prisma.service';

export interface Trace {
  where: string;
  sample: string;
}

const TEXTUAL = ['text', 'character varying', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED'];

/**
 * Every place a string still appears: each textual column of each table in
 * the public schema, and every Redis key and value under a prefix. Used to
 * prove an erasure left nothing behind.
 */
export async function findTracesInPostgres(prisma: PrismaService, needle: string): Promise<Trace[]> {
  const columns = await prisma.$queryRaw<Array<{ table: string; column: string }>>`
    SELECT c.table_name AS "table", c.column_name AS "column"
    FROM information_schema.columns c JOIN information_schema.tables t
      ON t.table_name = c.table_name AND t.table_schema = c.table_schema AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = 'public' AND c.data_type = ANY(${TEXTUAL})`;
  const traces: Trace[] = [];
  for (const { table, column } of columns) {
    const rows = await prisma.$queryRawUnsafe<Array<{ sample: string }>>(
      `SELECT left("${column}"::text, 200) AS sample FROM "${table}" WHERE "${column}"::text ILIKE '%' || $1 || '%' LIMIT 1`,
      needle,
    );
    if (rows.length) traces.push({ where: `${table}.${column}`, sample: rows[0].sample });
  }
  return traces;
}

export async function findTracesInRedis(redis: Redis, prefix: string, needle: string): Promise<Trace[]> {
  const traces: Trace[] = [];
  const lower = needle.toLowerCase();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      if (key.toLowerCase().includes(lower)) traces.push({ where: `key ${key}`, sample: key });
      const value = await dump(redis, key);
      if (value.toLowerCase().includes(lower)) traces.push({ where: `value of ${key}`, sample: value.slice(0, 200) });
    }
  } while (cursor !== '0');
  return traces;
}

async function dump(redis: Redis, key: string): Promise<string> {
  switch (await redis.type(key)) {
    case 'string':
      return (await redis.get(key)) ?? '';
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    case 'list':
      return JSON.stringify(await redis.lrange(key, 0, -1));
    case 'set':
      return JSON.stringify(await redis.smembers(key));
    case 'zset':
      return JSON.stringify(await redis.zrange(key, '0', '-1'));
    case 'stream':
      return JSON.stringify(await redis.xrange(key, '-', '+'));
    default:
      return '';
  }
}
