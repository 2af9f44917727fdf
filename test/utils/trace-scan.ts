import type { Redis } from 'ioredis';
import type { PrismaService } from '@cairn/database';

export interface Trace {
  where: string;
  sample: string;
}

interface Column {
  schema: string;
  table: string;
  column: string;
  type: string;
}

// Types that cannot hold text (numbers, times, booleans): no need to read them.
const NOT_TEXT = new Set([
  'smallint',
  'integer',
  'bigint',
  'numeric',
  'real',
  'double precision',
  'boolean',
  'date',
  'timestamp without time zone',
  'timestamp with time zone',
  'time without time zone',
  'interval',
]);

/** Every column of every table outside Postgres' own schemas, whatever its type; new tables are scanned without changes here. */
async function allColumns(prisma: PrismaService): Promise<Column[]> {
  const columns = await prisma.$queryRaw<Column[]>`
    SELECT c.table_schema AS schema, c.table_name AS "table", c.column_name AS "column", c.data_type AS type
    FROM information_schema.columns c JOIN information_schema.tables t
      ON t.table_name = c.table_name AND t.table_schema = c.table_schema AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg\\_%'
    ORDER BY 1, 2, c.ordinal_position`;
  return columns.filter((c) => !NOT_TEXT.has(c.type));
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A column as text: bytea decoded (printable bytes as they are), arrays and JSON as their text form. */
function asText(c: Column): string {
  return c.type === 'bytea' ? `encode(${ident(c.column)}, 'escape')` : `${ident(c.column)}::text`;
}

/** The needle as stored in text, in a URL (percent-encoded) and inside JSON held as a string (escaped quotes aside, the same). */
function variants(needle: string): string[] {
  return [...new Set([needle, encodeURIComponent(needle)].map((v) => v.toLowerCase()))];
}

/**
 * Every place a string still appears, case-insensitively: each column of
 * each table, and every Redis key and value under a prefix. Used to prove an
 * erasure or a retention run left nothing behind.
 */
export async function findTracesInPostgres(prisma: PrismaService, needle: string): Promise<Trace[]> {
  const traces: Trace[] = [];
  for (const c of await allColumns(prisma)) {
    const rows = await prisma.$queryRawUnsafe<Array<{ sample: string }>>(
      `SELECT left(${asText(c)}, 200) AS sample FROM ${ident(c.schema)}.${ident(c.table)}
       WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) n WHERE strpos(lower(${asText(c)}), n) > 0) LIMIT 1`,
      variants(needle),
    );
    const table = c.schema === 'public' ? c.table : `${c.schema}.${c.table}`;
    if (rows.length) traces.push({ where: `${table}.${c.column}`, sample: rows[0].sample });
  }
  return traces;
}

/** Rows (of any table) that hold both strings: what still links, say, an answer to a person. */
export async function findRowsLinking(prisma: PrismaService, a: string, b: string): Promise<Trace[]> {
  const tables = new Map<string, Column>();
  for (const c of await allColumns(prisma)) tables.set(`${c.schema}.${c.table}`, c);
  const traces: Trace[] = [];
  for (const c of tables.values()) {
    const rows = await prisma.$queryRawUnsafe<Array<{ sample: string }>>(
      `SELECT left(row_to_json(t)::text, 300) AS sample FROM ${ident(c.schema)}.${ident(c.table)} t
       WHERE strpos(lower(row_to_json(t)::text), $1) > 0 AND strpos(lower(row_to_json(t)::text), $2) > 0 LIMIT 1`,
      a.toLowerCase(),
      b.toLowerCase(),
    );
    if (rows.length) traces.push({ where: c.table, sample: rows[0].sample });
  }
  return traces;
}

export async function findTracesInRedis(redis: Redis, prefix: string, needle: string): Promise<Trace[]> {
  const traces: Trace[] = [];
  const needles = variants(needle);
  const found = (text: string) => needles.some((n) => text.toLowerCase().includes(n));
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      if (found(key)) traces.push({ where: `key ${key}`, sample: key });
      const value = await dump(redis, key);
      if (found(value)) traces.push({ where: `value of ${key}`, sample: value.slice(0, 200) });
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
