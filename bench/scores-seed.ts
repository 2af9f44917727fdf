// Seeds the scores benchmark database in SQL: one journey of 6 stages × 4
// touchpoints and N responses arriving in time order over three years.
// INSERT … SELECT generate_series is the bulk path here (no pg-copy-streams);
// secondary indexes are dropped during the load and rebuilt after it, which
// is how a real bulk import would be done too.
import { Client } from 'pg';

export const STAGES = 6;
export const TOUCHPOINTS_PER_STAGE = 4;
const METRICS = ['nps', 'csat', 'ces'] as const;
const SCALE = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;

export interface Seeded {
  workspaceId: string;
  journeyId: string;
  stageIds: string[];
  touchpointIds: string[];
}

/** The ids seedBenchmark gives the journey, its stages and touchpoints: fixed, so a kept database is reused without reading them back. */
export function seededIds(): Seeded {
  const stageIds = Array.from({ length: STAGES }, (_, s) => `bench-s${s}`);
  const touchpointIds = Array.from({ length: STAGES * TOUCHPOINTS_PER_STAGE }, (_, idx) => `bench-tp${idx}`);
  return { workspaceId: 'bench-ws', journeyId: 'bench-j', stageIds, touchpointIds };
}

/**
 * A time-ordered id (RFC 9562 v7) for a row made at `at` (SQL timestamp expression): ids of seeded history sort and
 * fall into months as ids of rows written at that time would.
 */
export const uuid7At = (at: string) => `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
  substring(int8send((extract(epoch FROM ${at}) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid::text`;

/**
 * Seeds the journey and `total` responses into a workspace of its own, or into `into` (an existing workspace's id);
 * with `people`, each response is of one of that many seeded people (`ap<i>`) and one in three has a comment.
 */
export async function seedBenchmark(
  db: Client,
  total: number,
  start: Date,
  end: Date,
  log: (s: string) => void,
  { into, people }: { into?: string; people?: number } = {},
): Promise<Seeded> {
  const workspaceId: string = into
    ? into
    : (
        await db.query(
          `INSERT INTO workspaces (id, slug, name, publishable_key) VALUES ('bench-ws', 'bench', 'Bench', 'pk_bench') RETURNING id`,
        )
      ).rows[0].id;
  await db.query(`INSERT INTO journeys (id, workspace_id, name) VALUES ('bench-j', $1, 'Bench journey')`, [workspaceId]);
  const stageIds: string[] = [];
  const touchpointIds: string[] = [];
  for (let s = 0; s < STAGES; s++) {
    const stageId = `bench-s${s}`;
    stageIds.push(stageId);
    await db.query(`INSERT INTO stages (id, workspace_id, journey_id, name, position) VALUES ($1, $2, 'bench-j', $3, $4)`, [
      stageId,
      workspaceId,
      `Stage ${s}`,
      s,
    ]);
    for (let t = 0; t < TOUCHPOINTS_PER_STAGE; t++) {
      const idx = touchpointIds.length;
      // Stage 0 is all NPS (the stage query); the others mix the metrics.
      const metric = s === 0 ? 'nps' : METRICS[idx % 3];
      const id = `bench-tp${idx}`;
      touchpointIds.push(id);
      await db.query(
        `INSERT INTO touchpoints (id, workspace_id, journey_id, stage_id, name, key, channel, position)
         VALUES ($1, $2, 'bench-j', $3, $4, $5, 'web', $6)`,
        [id, workspaceId, stageId, `TP ${idx}`, `tp-${idx}`, t],
      );
      await db.query(`INSERT INTO surveys (id, workspace_id, touchpoint_id, metric, trigger_event) VALUES ($1, $2, $3, $4, 'bench')`, [
        `bench-sv${idx}`,
        workspaceId,
        id,
        metric,
      ]);
      await db.query(`INSERT INTO bench_tps VALUES ($1, $2, $3, $4::"Metric", $5, $6)`, [idx, id, stageId, metric, ...SCALE[metric]]);
    }
  }
  const indexes = (
    await db.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'responses' AND indexname <> 'responses_pkey'`)
  ).rows as Array<{ indexname: string; indexdef: string }>;
  for (const { indexname } of indexes) await db.query(`DROP INDEX "${indexname}"`);

  const batch = 1_000_000;
  const span = (end.getTime() - start.getTime()) / 1000;
  for (let from = 1; from <= total; from += batch) {
    const to = Math.min(total, from + batch - 1);
    const t0 = Date.now();
    // Rows arrive in time order (like real answers), spread evenly over the
    // touchpoints by a hash, with scores leaning to the top of each scale.
    await db.query(
      `
      INSERT INTO responses (id, workspace_id, touchpoint_id, stage_id, journey_id, metric, scale_min, scale_max, score,
                             source, person_properties, person_id, comment, created_at, updated_at)
      SELECT ${uuid7At('c.at')}, $1, t.id, t.stage_id, 'bench-j', t.metric, t.smin, t.smax,
             t.smin + floor(power(random(), 0.7) * (t.smax - t.smin + 1))::int, 'email',
             jsonb_build_object('plan', (ARRAY['free', 'pro', 'business'])[1 + g.i % 3], 'region', (ARRAY['nordics', 'dach'])[1 + g.i % 2]),
             CASE WHEN $7::int > 0 THEN 'ap' || (1 + abs(hashint4(g.i + 7)) % $7::int) END,
             CASE WHEN $7::int > 0 AND g.i % 3 = 0 THEN 'Delivery was late, order ' || g.i END, c.at, c.at
      FROM generate_series($2::int, $3::int) AS g(i)
      JOIN bench_tps t ON t.idx = abs(hashint4(g.i)) % ${touchpointIds.length}
      CROSS JOIN LATERAL (SELECT $4::timestamp + make_interval(secs => (g.i::float8 / $5) * $6 + random() * 60) AS at) c`,
      [workspaceId, from, to, start.toISOString(), total, span, people ?? 0],
    );
    log(`  responses ${to.toLocaleString('en')} / ${total.toLocaleString('en')} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const t0 = Date.now();
  for (const { indexdef } of indexes) await db.query(onEveryPartition(indexdef));
  log(`  ${indexes.length} secondary indexes rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { workspaceId, journeyId: 'bench-j', stageIds, touchpointIds };
}

/** A partitioned table's index reads "ON ONLY" (the parent alone); rebuilt after a bulk load it must cover every partition. */
export function onEveryPartition(indexdef: string): string {
  return indexdef.replace(' ON ONLY ', ' ON ');
}

export const BENCH_TPS_DDL = `CREATE TEMP TABLE bench_tps (idx int PRIMARY KEY, id text, stage_id text, metric "Metric", smin int, smax int)`;
