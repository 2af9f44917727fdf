import { Pool } from 'pg';
import { PG_POOL } from '@cairn/database';
import { OutboxRelayRepository } from '@cairn/outbox';
import { createServiceTest, ServiceTest } from '../utils/service-test';

const RELAYED = 20_000;
// A backlog as after an outage of Redis or of every worker: sorting it for each batch would be the other slow plan.
const WAITING = 5_000;

/** Nodes of an EXPLAIN (FORMAT JSON) plan, depth first. */
function nodes(plan: Record<string, unknown>): Array<Record<string, unknown>> {
  const children = (plan.Plans as Array<Record<string, unknown>> | undefined) ?? [];
  return [plan, ...children.flatMap(nodes)];
}

/**
 * The relay takes its batch straight off the index of unrelayed rows: however many relayed rows the table still
 * holds before them, a batch reads only its own (ordered by seq alone, Postgres walked the primary key past all of
 * them, 28,000 buffers a batch in bench:distribution). No relay listens here: the test takes the batches itself.
 */
describe('the outbox relay takes a batch without reading the relayed rows (service tier)', () => {
  let t: ServiceTest;
  let pool: Pool;

  beforeAll(async () => {
    t = await createServiceTest([]);
    pool = t.get<Pool>(PG_POOL as never);
    // Without values, one simple-query message: the three statements together.
    await pool.query(`
      INSERT INTO outbox_events (id, topic, payload, processed_at)
        SELECT 'relayed-' || g, 'test.relayed', '{}', now() FROM generate_series(1, ${RELAYED}) g;
      INSERT INTO outbox_events (id, topic, payload) SELECT 'waiting-' || g, 'test.waiting', '{}' FROM generate_series(1, ${WAITING}) g;
      ANALYZE outbox_events;`);
  });
  afterAll(() => t?.close());

  it('takes the oldest waiting rows in seq order', async () => {
    const taken: string[][] = [];
    const relay = t.get(OutboxRelayRepository);
    await relay.processBatch(10, async (rows) => void taken.push(rows.map((r) => r.id)));
    await relay.processBatch(10, async (rows) => void taken.push(rows.map((r) => r.id)));
    expect(taken).toEqual([
      Array.from({ length: 10 }, (_, i) => `waiting-${i + 1}`),
      Array.from({ length: 10 }, (_, i) => `waiting-${i + 11}`),
    ]);
  });

  it('reads a handful of rows and buffers for a batch: neither the relayed rows before it nor the whole backlog', async () => {
    // The statement as the relay prepared it, read on the connection it ran on (the pool hands out its most recently
    // released connection first), then run under EXPLAIN ANALYZE and rolled back.
    await t.get(OutboxRelayRepository).processBatch(5, async () => undefined);
    const { rows } = await pool.query<{ statement: string }>(
      "SELECT statement FROM pg_prepared_statements WHERE name = 'outbox-relay-take-batch'",
    );
    expect(rows).toHaveLength(1);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const explained = await client.query<{ 'QUERY PLAN': Array<{ Plan: Record<string, unknown> }> }>(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${rows[0].statement.replace('$1', '5')}`,
      );
      const plan = nodes(explained.rows[0]['QUERY PLAN'][0].Plan);
      const removed = plan.reduce((sum, node) => sum + Number(node['Rows Removed by Filter'] ?? 0), 0);
      const top = plan[0];
      expect(removed).toBeLessThan(100);
      // No node handles more than the batch: no sort of the whole backlog either.
      expect(Math.max(...plan.map((node) => Number(node['Actual Rows'])))).toBeLessThanOrEqual(5);
      expect(Number(top['Shared Hit Blocks']) + Number(top['Shared Read Blocks'])).toBeLessThan(200);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
