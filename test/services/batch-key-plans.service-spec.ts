import type { Pool, PoolClient } from 'pg';
import { HistoryLayout, PG_POOL } from '@cairn/database';
import { DistributionModule, SendGateService, SendTarget } from '@cairn/distribution';
import { JourneyModule } from '@cairn/journey';
import { PeopleModule } from '@cairn/people';
import { SurveyModule } from '@cairn/survey';
import { WebhookDeliveryService, WebhookFanoutService, WebhooksModule } from '@cairn/webhooks';
import { createInvitation, createPerson, createSurvey, createTouchpointWithJourney, createWorkspace } from '../factories';
import { createServiceTest, ServiceTest } from '../utils/service-test';

const SETTLED = 20_000;
// Rows written after the last ANALYZE: fewer than autovacuum's analyze threshold (50 + 10 % of the table), so
// Postgres goes on believing that almost none are in the status, as it does through any burst between two analyses.
const BURST = 1_500;
const BATCH = 3;
const CLAIMED_AT = '2026-12-05T10:00:00.000Z';

type PlanNode = Record<string, unknown>;

/** Nodes of an EXPLAIN (FORMAT JSON) plan, depth first (a CTE's plan is one of its children). */
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...((plan.Plans as PlanNode[] | undefined) ?? []).flatMap(nodes)];
}

/** Rows a node produced over all its loops. */
const rowsHandled = (node: PlanNode) => Number(node['Actual Rows']) * Number(node['Actual Loops']);
const buffers = (node: PlanNode) => Number(node['Shared Hit Blocks']) + Number(node['Shared Read Blocks']);
const list = (values: Array<string | null>) => `ARRAY[${values.map((v) => (v === null ? 'NULL' : `'${v}'`)).join(', ')}]::text[]`;

/**
 * The statements that settle a batch of rows in a status (a webhook delivery's claim, a fan-out's look-up of what is
 * still pending, an email's sent mark) find their rows by key, however many rows are in that status: Postgres's
 * statistics count few (true at the last ANALYZE of a table where nearly everything is done), and given the choice
 * it read every entry of that status in the status index for each batch: those of a burst written since, and those
 * of rows that moved on since the last vacuum (a bitmap scan never marks a dead entry). In bench:webhooks that was
 * 630 buffers per claim batch in the throughput run.
 */
describe('batch statements find their rows by key, not by status (service tier)', () => {
  let t: ServiceTest;
  let pool: Pool;
  let workspaceId: string;

  beforeAll(async () => {
    t = await createServiceTest([WebhooksModule, PeopleModule, JourneyModule, SurveyModule, DistributionModule]);
    pool = t.get<Pool>(PG_POOL as never);
    workspaceId = (await createWorkspace(t)).id;
    // Autovacuum stays off these tables (their partitions, when partitioned) so that the dead entries and the stale
    // statistics last as long as the test.
    await pool.query(`DO $$ DECLARE r regclass; BEGIN
        FOR r IN SELECT oid::regclass FROM pg_class WHERE relkind = 'r' AND (relname LIKE 'webhook_deliveries%' OR relname LIKE 'invitations%') LOOP
          EXECUTE format('ALTER TABLE %s SET (autovacuum_enabled = false)', r);
        END LOOP;
      END $$`);
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

  describe('webhook deliveries', () => {
    let endpointId: string;
    const burstIds = Array.from({ length: BATCH }, (_, i) => `burst-${String(i + 1).padStart(6, '0')}`);

    beforeAll(async () => {
      endpointId = `endpoint-${workspaceId}`;
      // Without values, one simple-query message.
      await pool.query(`
        INSERT INTO webhook_endpoints (id, workspace_id, url, events, secret)
          VALUES ('${endpointId}', '${workspaceId}', 'http://127.0.0.1:9/hook', ARRAY['person.unsubscribed'], 'whsec_dGVzdA==');
        INSERT INTO webhook_deliveries (id, endpoint_id, outbox_event_id, event_type, payload)
          SELECT 'old-' || lpad(g::text, 6, '0'), '${endpointId}', 'old-event-' || g, 'person.unsubscribed', '"{}"'
          FROM generate_series(1, ${SETTLED}) g;
        UPDATE webhook_deliveries SET status = 'succeeded', delivered_at = now();
        ANALYZE webhook_deliveries;
        INSERT INTO webhook_deliveries (id, endpoint_id, outbox_event_id, event_type, payload)
          SELECT 'burst-' || lpad(g::text, 6, '0'), '${endpointId}', 'burst-event-' || g, 'person.unsubscribed', '"{}"'
          FROM generate_series(1, ${BURST}) g;`);
    });

    it('a claim batch reads its own deliveries and nothing of the other pending ones', async () => {
      // The claim of an unknown delivery: prepares the statement, changes nothing.
      await t.get(WebhookDeliveryService).deliver({ deliveryId: 'no-such-delivery' });
      const due = list(burstIds.map(() => new Date(Date.now() + 60_000).toISOString()));
      for (const plan of await explain('webhook-deliveries-claim', `${list(burstIds)}, ${due}::timestamptz[], ${due}::timestamptz[]`)) {
        expect(rowsHandled(plan[0])).toBe(BATCH); // the burst's first three, claimed
        expect(Math.max(...plan.map(rowsHandled))).toBeLessThanOrEqual(BATCH);
        expect(buffers(plan[0])).toBeLessThan(100);
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
        list(events.map(() => null)),
        list(events.map(() => '{}')),
      ].join(', ');
      for (const plan of await explain(name, args)) {
        expect(rowsHandled(plan[0])).toBe(BATCH); // two pending, one added
        expect(Math.max(...plan.map(rowsHandled))).toBeLessThanOrEqual(BATCH);
        expect(buffers(plan[0])).toBeLessThan(100);
      }
    });
  });

  describe("emails' sent marks", () => {
    const burstIds = Array.from({ length: BATCH }, (_, i) => `burst-invitation-${i + 1}`);

    beforeAll(async () => {
      // One real invitation lends its workspace, survey and person to the rest (none of its unique keys bind them).
      const { touchpoint } = await createTouchpointWithJourney(t, workspaceId);
      const survey = await createSurvey(t, workspaceId, { touchpointId: touchpoint.id, trigger: { event: 'order.planned' } });
      const model = await createInvitation(t, workspaceId, { trigger: 'order.planned', surveyId: survey.id });
      const copies = (prefix: string, n: number) =>
        `INSERT INTO invitations (id, workspace_id, survey_id, person_id, status, scheduled_for, expires_at, claimed_at, attempts)
          SELECT '${prefix}' || g, workspace_id, survey_id, person_id, 'sending', now(), now() + interval '30 days', '${CLAIMED_AT}', 1
          FROM invitations, generate_series(1, ${n}) g WHERE invitations.id = '${model.id}'`;
      await pool.query(`
        ${copies('old-invitation-', SETTLED)};
        UPDATE invitations SET status = 'sent', sent_at = now() WHERE id LIKE 'old-invitation-%';
        ANALYZE invitations;
        ${copies('burst-invitation-', BURST)};`);
    });

    it('a sent-mark batch updates its own invitations and reads nothing of the others being sent', async () => {
      // The mark of an unknown invitation: prepares the statement, changes nothing.
      await t.get(SendGateService).finishSent({ reminderAfterSeconds: 0, expiresAfterSeconds: 3_600 } as SendTarget, {
        id: 'no-such-invitation',
        claimedAt: new Date(),
      });
      const at = list(burstIds.map(() => new Date().toISOString()));
      const none = list(burstIds.map(() => null));
      const args = [list(burstIds), at, at, none, list(burstIds.map(() => CLAIMED_AT)), none, none, none].join(', ');
      for (const plan of await explain('sent-marks-mark-sent', args)) {
        const marked = plan.find((node) => node['Node Type'] === 'ModifyTable' && node['Relation Name'] === 'invitations');
        expect(marked && rowsHandled(marked)).toBe(BATCH);
        expect(Math.max(...plan.map(rowsHandled))).toBeLessThanOrEqual(BATCH);
        expect(buffers(plan[0])).toBeLessThan(150);
      }
    });
  });
});
