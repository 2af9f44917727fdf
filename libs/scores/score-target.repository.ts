import { Injectable } from '@nestjs/common';
import { Prisma, ReadRouter } from '@cairn/database';
import type { Metric } from '@cairn/scoring';

export type TargetType = 'touchpoint' | 'stage' | 'journey';

export interface ResolvedTarget {
  minReliableN: number;
  touchpoints: Array<{ id: string; metrics: Metric[] }>;
}

export interface MapTouchpoint {
  id: string;
  key: string;
  name: string;
  channel: string;
  owner: string | null;
  target: number | null;
}

export interface MapStage {
  id: string;
  name: string;
  position: number;
  customerGoal: string | null;
  customerActions: string[];
  touchpoints: MapTouchpoint[];
}

/**
 * The metrics a touchpoint is measured by, one row each (column `metric`,
 * text): those of its surveys, plus any that already have answers (a survey
 * may have been replaced since). Shared by resolve() and journeyPairsSql(), so
 * the map's counts and its touchpoints list the same metrics.
 */
function metricsOfSql(tp: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT v.metric::text AS metric FROM surveys v WHERE v.touchpoint_id = ${tp}
    UNION
    -- LATERAL … LIMIT 1: one index probe per metric, never a scan of the rollups.
    SELECT m::text FROM unnest(enum_range(NULL::"Metric")) AS m
    CROSS JOIN LATERAL (SELECT 1 FROM score_rollups_daily s WHERE s.touchpoint_id = ${tp} AND s.metric = m AND s.count > 0 LIMIT 1) x
    UNION
    -- Answers of the last second may not be folded into the rollups yet. ORDER BY at (the index's order) keeps this an
    -- index probe: without it, once the deltas held thousands of rows and their pages were not all-visible (they churn),
    -- the planner chose a sequential scan that stops at the first match, and a touchpoint with no delta read the whole
    -- table (a journey map's read: 231 ms at size, 2 ms with the probe).
    SELECT m::text FROM unnest(enum_range(NULL::"Metric")) AS m
    CROSS JOIN LATERAL (SELECT 1 FROM score_rollup_deltas s WHERE s.touchpoint_id = ${tp} AND s.metric = m ORDER BY s.at LIMIT 1) x`;
}

/**
 * Every (touchpoint, metric) pair of a journey as a query (columns tp, metric,
 * i), for ScoreCountsRepository: the map counts in the same round trip as it
 * resolves its journey instead of after it.
 */
export function journeyPairsSql(workspaceId: string, journeyId: string): Prisma.Sql {
  return Prisma.sql`SELECT t.id AS tp, x.metric::"Metric" AS metric, (row_number() OVER ())::int AS i
    FROM touchpoints t CROSS JOIN LATERAL (${metricsOfSql(Prisma.sql`t.id`)}) x
    WHERE t.journey_id = ${journeyId} AND t.workspace_id = ${workspaceId}`;
}

const TARGET_SQL: Record<TargetType, { parent: Prisma.Sql; journeyOf: Prisma.Sql; column: Prisma.Sql }> = {
  touchpoint: { parent: Prisma.raw('touchpoints'), journeyOf: Prisma.raw('p.journey_id'), column: Prisma.raw('id') },
  stage: { parent: Prisma.raw('stages'), journeyOf: Prisma.raw('p.journey_id'), column: Prisma.raw('stage_id') },
  journey: { parent: Prisma.raw('journeys'), journeyOf: Prisma.raw('p.id'), column: Prisma.raw('journey_id') },
};
/**
 * What a score request is about: the touchpoints behind a target, their
 * metrics, the workspace's settings. The reads every score request makes run
 * on the pg pool rather than through Prisma, whose per-call CPU (query
 * compiler, result mapping) was a large part of a 5 ms score read.
 */
@Injectable()
export class ScoreTargetRepository {
  constructor(private readonly reads: ReadRouter) {}

  /**
   * The target's current touchpoints with the metrics each is measured by
   * (those of its surveys, plus any that already have answers: a survey may
   * have been replaced since), and the workspace's minimum n. Null when the
   * target is not in this workspace or its journey is archived. One round
   * trip, as every score read starts here.
   */
  async resolve(workspaceId: string, type: TargetType, id: string): Promise<ResolvedTarget | null> {
    const { parent, journeyOf, column } = TARGET_SQL[type];
    const sql = Prisma.sql`
      SELECT w.min_reliable_n AS "minReliableN",
        EXISTS (SELECT 1 FROM ${parent} p JOIN journeys j ON j.id = ${journeyOf}
                WHERE p.id = ${id} AND p.workspace_id = w.id AND j.archived_at IS NULL) AS found,
        COALESCE((
          SELECT json_agg(json_build_object('id', t.id, 'metrics', ARRAY(${metricsOfSql(Prisma.sql`t.id`)} ORDER BY 1))
            ORDER BY t.position, t.created_at)
          FROM touchpoints t WHERE t.${column} = ${id} AND t.workspace_id = w.id), '[]') AS touchpoints
      FROM workspaces w WHERE w.id = ${workspaceId}`;
    const [row] = await this.reads.query<ResolvedTarget & { found: boolean }>(sql);
    if (!row?.found) return null;
    return { minReliableN: row.minReliableN, touchpoints: row.touchpoints };
  }

  async persona(workspaceId: string, id: string) {
    return (await this.reads.client()).persona.findFirst({ where: { id, workspaceId } });
  }

  /** The journey with its stages and touchpoints in display order, or null. One round trip (Prisma's nested select took three). */
  async journeyMap(workspaceId: string, id: string): Promise<{ id: string; name: string; stages: MapStage[] } | null> {
    const [row] = await this.reads.query<{ id: string; name: string; stages: MapStage[] }>({
      text: `SELECT j.id, j.name, COALESCE((
         SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'position', s.position,
           'customerGoal', s.customer_goal, 'customerActions', COALESCE(s.customer_actions, '{}'), 'touchpoints', COALESCE((
           SELECT json_agg(json_build_object('id', t.id, 'key', t.key, 'name', t.name, 'channel', t.channel,
             'owner', t.owner, 'target', t.target) ORDER BY t.position, t.created_at)
           FROM touchpoints t WHERE t.stage_id = s.id), '[]')) ORDER BY s.position, s.created_at)
         FROM stages s WHERE s.journey_id = j.id), '[]') AS stages
       FROM journeys j WHERE j.id = $1 AND j.workspace_id = $2 AND j.archived_at IS NULL`,
      values: [id, workspaceId],
    });
    return row ?? null;
  }
}
