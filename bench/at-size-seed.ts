// Seeds the people and events of the at-size benchmark in SQL, into an existing workspace, in time order over
// [start, end): INSERT … SELECT generate_series with the secondary indexes dropped during the load and rebuilt after,
// as a bulk import would do. Ids are time-ordered (uuid7At), like ids written at that time.
import { Client } from 'pg';
import { onEveryPartition, uuid7At } from './scores-seed';

const BATCH = 1_000_000;
/** The event types of the history: the benchmark's own two among them, so their index entries are at size too. */
const TYPES = ['order.delivered', 'order.returned', 'order.created', 'page.viewed', 'ticket.closed'];

/** Drops a table's secondary indexes (keeping the primary key) and returns how to rebuild them. */
async function dropSecondaryIndexes(db: Client, table: string): Promise<string[]> {
  const { rows } = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = $1
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype = 'p')`,
    [table],
  );
  for (const { indexname } of rows) await db.query(`DROP INDEX "${indexname}"`);
  return rows.map((r) => onEveryPartition(r.indexdef));
}

async function rebuild(db: Client, table: string, indexdefs: string[], log: (s: string) => void): Promise<void> {
  const t0 = Date.now();
  for (const indexdef of indexdefs) await db.query(indexdef);
  log(`  ${table}: ${indexdefs.length} secondary indexes rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function inBatches(total: number, what: string, log: (s: string) => void, run: (from: number, to: number) => Promise<unknown>) {
  for (let from = 1; from <= total; from += BATCH) {
    const to = Math.min(total, from + BATCH - 1);
    const t0 = Date.now();
    await run(from, to);
    log(`  ${what} ${to.toLocaleString('en')} / ${total.toLocaleString('en')} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
}

/** `total` people `ap<i>` with an address each, created evenly over [start, end). */
export async function seedPeople(db: Client, workspaceId: string, total: number, start: Date, end: Date, log: (s: string) => void) {
  const indexes = await dropSecondaryIndexes(db, 'people');
  await inBatches(total, 'people', log, (from, to) =>
    db.query(
      `INSERT INTO people (id, workspace_id, email, email_hash, name, locale, properties, created_at, updated_at)
       SELECT 'ap' || g.i, $1, 'person' || g.i || '@example.com',
              encode(sha256(convert_to('person' || g.i || '@example.com', 'UTF8')), 'hex'), 'Person ' || g.i, 'en',
              jsonb_build_object('plan', (ARRAY['free', 'pro', 'business'])[1 + g.i % 3]), c.at, c.at
       FROM generate_series($2::int, $3::int) AS g(i)
       CROSS JOIN LATERAL (SELECT $4::timestamptz + ($5::timestamptz - $4::timestamptz) * (g.i::float8 / $6) AS at) c`,
      [workspaceId, from, to, start, end, total],
    ),
  );
  await rebuild(db, 'people', indexes, log);
}

/**
 * `total` events over [start, end), each of one of `people` seeded people, half with an idempotency key, each with
 * the stored 202 answer an event of no matching survey gets.
 */
export async function seedEvents(
  db: Client,
  workspaceId: string,
  total: number,
  people: number,
  start: Date,
  end: Date,
  log: (s: string) => void,
) {
  const indexes = await dropSecondaryIndexes(db, 'events');
  await inBatches(total, 'events', log, (from, to) =>
    db.query(
      `INSERT INTO events (id, workspace_id, type, person_id, properties, occurred_at, idempotency_key, result, created_at)
       SELECT e.id, $1, ($7::text[])[1 + g.i % ${TYPES.length}], 'ap' || (1 + abs(hashint4(g.i)) % $6), jsonb_build_object('orderId', 'o-' || g.i),
              c.at, CASE WHEN g.i % 2 = 0 THEN 'k-' || g.i END, jsonb_build_object('eventId', e.id, 'invitations', '[]'::jsonb), c.at
       FROM generate_series($2::int, $3::int) AS g(i)
       CROSS JOIN LATERAL (SELECT $4::timestamptz + ($5::timestamptz - $4::timestamptz) * (g.i::float8 / $8) AS at) c
       CROSS JOIN LATERAL (SELECT ${uuid7At('c.at')} AS id) e`,
      [workspaceId, from, to, start, end, people, TYPES, total],
    ),
  );
  await rebuild(db, 'events', indexes, log);
}
