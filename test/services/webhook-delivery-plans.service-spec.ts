import type { Pool, PoolClient } from 'pg';
import { HistoryLayout, PG_POOL } from '@cairn/database';
import { PeopleModule } from '@cairn/people';
import { WebhookDeliveryService, WebhookFanoutService, WebhooksModule } from '@cairn/webhooks';
import { createPerson, createWorkspace } from '../factories';
import { createServiceTest, ServiceTest } from '../utils/service-test';

const DELIVERED = 20_000;
// Pending rows written after the last ANALYZE: fewer than autovacuum's analyze threshold (50 + 10 % of the table),
// so Postgres goes on believing that almost nothing is pending, as it does through any burst between two analyses.
const BURST = 1_500;
const BATCH = 3;

type PlanNode = Record<string, unknown>;

/** Nodes of an EXPLAIN (FORMAT JSON) plan, depth first. */
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...((plan.Plans as PlanNode[] | undefined) ?? []).flatMap(nodes)];
}

/** Rows a node produced over all its loops. */
const rowsHandled = (node: PlanNode) => Number(node['Actual Rows']) * Number(node['Actual Loops']);

/**
 * A delivery's claim and a fan-out's look-up of what is still pending find their rows by key, however many rows
 * the table holds as pending: Postgres's statistics count few (true at the last ANALYZE of a table where nearly
 * everything succeeded), and given the choice it read every row of the status index's 'pending' entries for each
 * batch: those of the burst since, and those of rows that succeeded since the last vacuum (a bitmap scan never
 * marks a dead entry). In bench:webhooks that was 630 buffers per claim batch in the throughput run.
 */
describe('webhook deliveries are claimed and looked up by key, not by status (service tier)', () => {
  let t: ServiceTest;
  let pool: Pool;
  let endpointId: string;
  let workspaceId: string;

  beforeAll(async () => {
    t = await createServiceTest([WebhooksModule, PeopleModule]);
    pool = t.get<Pool>(PG_POOL as never);
    workspaceId = (await createWorkspace(t)).id;
    endpointId = `endpoint-${workspaceId}`;
    // Without values, one simple-query message. Autovacuum stays off these tables (partitions, when partitioned) so
    // that the dead entries and the stale statistics last as long as the test.
    await pool.query(`
      DO $$ DECLARE r regclass; BEGIN
        FOR r IN SELECT oid::regclass FROM pg_class WHERE relname LIKE 'webhook_deliveries%' AND relkind = 'r' LOOP
          EXECUTE format('ALTER TABLE %s SET (autovacuum_enabled = false)', r);
        END LOOP;
      END $$;
      INSERT INTO webhook_endpoints (id, workspace_id, url, events, secret)
        VALUES ('${endpointId}', '${workspaceId}', 'http://127.0.0.1:9/hook', ARRAY['person.unsubscribed'], 'whsec_dGVzdA==');
      INSERT INTO webhook_deliveries (id, endpoint_id, outbox_event_id, event_type, payload)
        SELECT 'old-' || lpad(g::text, 6, '0'), '${endpointId}', 'old-event-' || g, 'person.unsubscribed', '"{}"'
        FROM generate_series(1, ${DELIVERED}) g;
      UPDATE webhook_deliveries SET status = 'succeeded', delivered_at = now();
      ANALYZE webhook_deliveries;
      INSERT INTO webhook_deliveries (id, endpoint_id, outbox_event_id, event_type, payload)
        SELECT 'burst-' || lpad(g::text, 6, '0'), '${endpointId}', 'burst-event-' || g, 'person.unsubscribed', '"{}"'
        FROM generate_series(1, ${BURST}) g;`);
  });
  afterAll(() => t?.close());

  /**
   * Runs a statement as the repository prepared it (read from pg_prepared_statements of the connection it ran on:
   * the pool hands out its most recently released connection first) under EXPLAIN ANALYZE, with the generic plan
   * Postgres keeps after five calls and with a custom plan, and rolls it back. The nodes of each plan.
   */
  async function explain(name: string, args: string): Promise<PlanNode[][]> {
    const client: PoolClient = await pool.connect();
    try {
      const { rows } = await client.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements WHERE name = $1', [name]);
      expect(rows).toHaveLength(1);
      await client.query(`PREPARE probe AS ${rows[0].statement}`);
      const plans: PlanNode[][] = [];
      for (const mode of ['force_generic_plan', 'force_custom_plan']) {
        await client.query(`BEGIN; SET LOCAL plan_cache_mode = ${mode}`);
        const explained = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
          `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE probe(${args})`,
        );
        await client.query('ROLLBACK');
        plans.push(nodes(explained.rows[0]['QUERY PLAN'][0].Plan));
      }
      await client.query('DEALLOCATE probe');
      return plans;
    } finally {
      client.release();
    }
  }

  const list = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;
  const burstIds = Array.from({ length: BATCH }, (_, i) => `burst-${String(i + 1).padStart(6, '0')}`);

  it('a claim batch reads its own deliveries and nothing of the other pending ones', async () => {
    // The claim of an unknown delivery: prepares the statement, changes nothing.
    await t.get(WebhookDeliveryService).deliver({ deliveryId: 'no-such-delivery' });
    const due = list(burstIds.map(() => new Date(Date.now() + 60_000).toISOString()));
    for (const plan of await explain('webhook-deliveries-claim', `${list(burstIds)}, ${due}::timestamptz[], ${due}::timestamptz[]`)) {
      expect(rowsHandled(plan[0])).toBe(BATCH); // the burst's first three, claimed
      expect(Math.max(...plan.map(rowsHandled))).toBeLessThanOrEqual(BATCH);
      expect(Number(plan[0]['Shared Hit Blocks']) + Number(plan[0]['Shared Read Blocks'])).toBeLessThan(100);
    }
  });

  it("a fan-out batch finds an event's pending deliveries by their key", async () => {
    // One event fanned out prepares the statement (its delivery is left queued: no attempt here).
    jest.spyOn(t.get(WebhookDeliveryService), 'startNow').mockImplementation((ids) => ids);
    const person = await createPerson(t, workspaceId);
    await t.get(WebhookFanoutService).fanOut({
      id: 'fanned-out-event',
      type: 'person.unsubscribed',
      workspaceId,
      data: { personId: person.id },
      createdAt: new Date(),
    });
    const name = (await t.get(HistoryLayout).partitioned()) ? 'webhook-deliveries-create-partitioned' : 'webhook-deliveries-create';
    // Two events of the burst, whose deliveries are pending already, and a new one.
    const events = ['burst-event-1', 'burst-event-2', 'new-event'];
    const args = [
      list(events.map((_, i) => `probe-${i}`)),
      list(events.map(() => endpointId)),
      list(events),
      list(events.map(() => 'person.unsubscribed')),
      `ARRAY[NULL, NULL, NULL]::text[]`,
      list(events.map(() => '{}')),
    ].join(', ');
    for (const plan of await explain(name, args)) {
      expect(rowsHandled(plan[0])).toBe(BATCH); // two pending, one added
      expect(Math.max(...plan.map(rowsHandled))).toBeLessThanOrEqual(BATCH);
      expect(Number(plan[0]['Shared Hit Blocks']) + Number(plan[0]['Shared Read Blocks'])).toBeLessThan(100);
    }
  });
});
