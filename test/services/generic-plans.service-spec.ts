import { Client, Pool } from 'pg';
import { arrayParam, HistoryLayout, PG_POOL, ReadRouter } from '@cairn/database';
import { CommentAnalysisService, InsightsModule } from '@cairn/insights';
import { DistributionModule, SendGateService, SendTarget } from '@cairn/distribution';
import { DomainEventDispatcher } from '@cairn/outbox';
import { FirstAnswerRepository, ResponseSnapshotRepository, ResponsesModule } from '@cairn/responses';
import { journeyPairsSql, ScoreCountsRepository, ScoresModule, ScoreTargetRepository } from '@cairn/scores';
import { WebhookDeliveryService, WebhooksModule } from '@cairn/webhooks';
import { createServiceTest, ServiceTest } from '../utils/service-test';

/**
 * Rows and statistics, as any database in use has: over empty tables a plan for ten ids costs what one for a single
 * id does, and Postgres keeps the generic plan whatever the statement looks like. Only the tables' row counts
 * matter here, so the rows are written with foreign keys off (session_replication_role) on this file's own database.
 */
async function seedRows(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET session_replication_role = replica;
      INSERT INTO invitation_tokens (id, invitation_id, kind, token_hash)
        SELECT 't' || g, 'i' || g, 'response', md5(g::text) FROM generate_series(1, 5000) g;
      INSERT INTO outbox_events (id, topic, payload, processed_at)
        SELECT 'o' || g, 'response.created', '{}', now() FROM generate_series(1, 5000) g;
      INSERT INTO responses (id, workspace_id, journey_id, metric, scale_min, scale_max, score, source)
        SELECT 'r' || g, 'w', 'j', 'nps', 0, 10, 9, 'email' FROM generate_series(1, 5000) g;
      INSERT INTO webhook_deliveries (id, endpoint_id, outbox_event_id, event_type, payload)
        SELECT 'd' || g, 'e', 'o' || g, 'response.created', '{}' FROM generate_series(1, 5000) g;
      INSERT INTO invitations (id, workspace_id, survey_id, person_id, status, scheduled_for, expires_at)
        SELECT 'i' || g, 'w', 's', 'p' || g, (CASE WHEN g % 10 = 0 THEN 'sending' ELSE 'sent' END)::"InvitationStatus", now(), now()
        FROM generate_series(1, 5000) g;
      INSERT INTO people (id, workspace_id) SELECT 'p' || g, 'w' FROM generate_series(1, 5000) g;
      ANALYZE invitation_tokens, outbox_events, responses, webhook_deliveries, invitations, people;`);
  } finally {
    await client.end();
  }
}

/** Runs after Postgres has made its five custom plans of a prepared statement, when it may switch to the generic one. */
const RUNS = 8;

/**
 * The hot statements that take an array of ids (most calls pass one) keep their generic plan instead of being
 * planned again on every call (arrayParam). Calls run one after another, so node-postgres hands each of them the
 * pool's most recently released connection (its idle list is a stack), and pg_prepared_statements, read on it,
 * counts that connection's plans.
 */
describe('hot statements keep one plan per connection (service tier)', () => {
  let t: ServiceTest;
  let pool: Pool;

  beforeAll(async () => {
    t = await createServiceTest([ResponsesModule, InsightsModule, WebhooksModule, DistributionModule, ScoresModule]);
    pool = t.get<Pool>(PG_POOL as never);
    await seedRows(t.config.databaseUrl);
  });
  afterAll(() => t?.close());

  /** The plans of the one statement with this name, or (by 'statement') whose text matches this LIKE pattern. */
  async function plans(match: string, by: 'name' | 'statement' = 'name'): Promise<{ generic: number; custom: number }> {
    const { rows } = await pool.query<{ generic: string; custom: string }>(
      `SELECT generic_plans AS generic, custom_plans AS custom FROM pg_prepared_statements WHERE ${by === 'name' ? 'name = $1' : 'statement LIKE $1'}`,
      [match],
    );
    expect(rows).toHaveLength(1);
    return { generic: Number(rows[0].generic), custom: Number(rows[0].custom) };
  }

  async function runTimes(call: (i: number) => Promise<unknown>): Promise<void> {
    for (let i = 0; i < RUNS; i++) await call(i);
  }

  it('the premise: an array parameter as such is planned again on every call, through arrayParam it is not', async () => {
    const plain = { name: 'test-plain-array', text: 'SELECT id FROM responses WHERE id = ANY($1::text[])' };
    const wrapped = { name: 'test-array-param', text: `SELECT id FROM responses WHERE id = ANY(${arrayParam(1, 'text')})` };
    await runTimes((i) => pool.query({ ...plain, values: [[`r${i}`]] }));
    await runTimes((i) => pool.query({ ...wrapped, values: [[`r${i}`]] }));
    expect(await plans('test-plain-array')).toEqual({ generic: 0, custom: RUNS });
    expect(await plans('test-array-param')).toEqual({ generic: RUNS - 5, custom: 5 });
  });

  it.each([
    [
      "an answer's token look-up",
      'first-answer-find-many',
      (s: ServiceTest, i: number) => s.get(FirstAnswerRepository).findByTokenHashes([`${i}`.padStart(64, '0')]),
    ],
    [
      "a comment's read for its analysis",
      'comment-analysis-comments',
      (s: ServiceTest, i: number) => s.get(CommentAnalysisService).analyseResponses([`gone-${i}`]),
    ],
    [
      "a dispatch batch's outbox rows",
      'outbox-find-many',
      (s: ServiceTest, i: number) => s.get(DomainEventDispatcher).dispatchMany({ outboxEventIds: [`gone-${i}`] }),
    ],
    [
      "a webhook body's answer snapshot",
      'response-snapshots',
      (s: ServiceTest, i: number) => s.get(ResponseSnapshotRepository).load(`r${i}`),
    ],
    [
      "a webhook delivery's claim",
      'webhook-deliveries-claim',
      (s: ServiceTest, i: number) => s.get(WebhookDeliveryService).deliver({ deliveryId: `gone-${i}` }),
    ],
    [
      "an email's sent mark",
      'sent-marks-mark-sent',
      (s: ServiceTest, i: number) =>
        s
          .get(SendGateService)
          .finishSent({ reminderAfterSeconds: 0, expiresAfterSeconds: 3_600 } as SendTarget, { id: `gone-${i}`, claimedAt: new Date() }),
    ],
  ])('%s (%s)', async (_what, name, call) => {
    await runTimes((i) => call(t, i));
    // Partitioned (npm run test:partitioned), the look-up's invitation ids are plain parameters, so that only their
    // months are opened; the tokens are read first, by the statement that keeps its plan.
    const partitioned = name === 'first-answer-find-many' && (await t.get(HistoryLayout).partitioned());
    expect(await plans(partitioned ? 'first-answer-invitation-ids' : name)).toEqual({ generic: RUNS - 5, custom: 5 });
  });

  describe('score reads (ReadRouter.query): planned once per connection, with the generic plan', () => {
    const since = new Date('2026-01-01T00:00:00Z');
    const until = new Date('2026-02-01T00:00:00Z');
    const planMode = async () => (await pool.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode')).rows[0].plan_cache_mode;

    it.each([
      [
        "a score's counts",
        '%score_rollup_deltas%',
        (s: ServiceTest, i: number) =>
          s.get(ScoreCountsRepository).counts({
            workspaceId: 'w',
            pairs: [{ touchpointId: `t${i}`, metric: 'nps' }],
            pieces: [{ key: 0, level: 'hour', from: since.getTime(), to: until.getTime(), sign: 1 }],
            filters: [],
            byTouchpoint: false,
          }),
      ],
      [
        "a score's target",
        '%min_reliable_n%FROM touchpoints p%',
        (s: ServiceTest, i: number) => s.get(ScoreTargetRepository).resolve('w', 'touchpoint', `t${i}`),
      ],
    ])('%s: no custom plan at all, and the connection is set back', async (_what, like, call) => {
      await runTimes((i) => call(t, i));
      // Named alone, Postgres makes five custom plans first and, bound values making them look cheaper, often
      // goes on planning every call (on partitioned history, 5-15 ms a plan).
      expect(await plans(like, 'statement')).toEqual({ generic: RUNS, custom: 0 });
      expect(await planMode()).toBe('auto');
    });

    it('runs its statement with the generic plan and no parallel workers, and only that statement', async () => {
      const settings = `SELECT current_setting('plan_cache_mode') AS mode, current_setting('max_parallel_workers_per_gather') AS workers`;
      const [inside] = await t.get(ReadRouter).query<{ mode: string; workers: string }>({ text: `${settings}, $1::int AS n`, values: [1] });
      expect(inside).toEqual({ mode: 'force_generic_plan', workers: '0', n: 1 });
      const { rows } = await pool.query<{ mode: string; workers: string }>(settings);
      expect(rows[0].mode).toBe('auto');
      expect(rows[0].workers).not.toBe('0');
    });

    it("probes the deltas' index for a touchpoint's metrics, also when unfolded deltas pile up", async () => {
      // Thousands of unfolded deltas of other touchpoints, on pages not yet all-visible, as a churning table's are
      // while the folding lags: a LIMIT 1 without an order then looked cheapest as a sequential scan that stops at the
      // first match, and read the whole table for every touchpoint and metric with no delta (a journey map's read at
      // size: 231 ms, 2 ms with index probes).
      await pool.query(`INSERT INTO score_rollup_deltas (touchpoint_id, metric, at, score, delta)
        SELECT 'busy' || (g % 50), 'nps', now(), g % 11, 1 FROM generate_series(1, 30000) g; ANALYZE score_rollup_deltas`);
      const client = await pool.connect();
      try {
        const pairs = journeyPairsSql('w', 'j');
        await client.query(`SET plan_cache_mode = force_generic_plan; PREPARE map_pairs AS ${pairs.text}`);
        const args = pairs.values.map((v) => client.escapeLiteral(String(v))).join(', ');
        const { rows } = await client.query(`EXPLAIN EXECUTE map_pairs(${args})`);
        const plan = rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
        expect(plan).toMatch(/Index (Only )?Scan using score_rollup_deltas_touchpoint_id_metric_at_idx/);
        expect(plan).not.toMatch(/Seq Scan on score_rollup_deltas/);
      } finally {
        client.release(true); // its session settings and prepared statement go with it
        await pool.query('TRUNCATE score_rollup_deltas');
      }
    });

    it('sets the connection back when the statement fails, and the caller hears the error', async () => {
      await expect(t.get(ReadRouter).query({ text: 'SELECT 1 / $1::int AS x', values: [0] })).rejects.toThrow(/division by zero/);
      expect(await planMode()).toBe('auto');
    });
  });
});
