import { Injectable } from '@nestjs/common';
import { PrismaService, Prisma } from '@cairn/database';
import type { Metric } from '@cairn/scoring';
import { type PropertyFilter, candidateObjects } from './property-filter';
import type { Level, Piece } from './range-plan';

export interface CountsRequest {
  workspaceId: string;
  /** The (touchpoint, metric) pairs to count. */
  pairs: Array<{ touchpointId: string; metric: Metric }>;
  pieces: Piece[];
  /** Only honoured on raw pieces: callers plan everything raw when filtering. */
  filters: PropertyFilter[];
  byTouchpoint: boolean;
}

export interface CountRow {
  key: number;
  touchpointId: string;
  metric: Metric;
  score: number;
  count: number;
}

const LEVELS: Level[] = ['week', 'day', 'hour', 'raw'];
const ROLLUP_TABLES = {
  hour: Prisma.raw('score_rollups'),
  day: Prisma.raw('score_rollups_daily'),
  week: Prisma.raw('score_rollups_weekly'),
};

/** Answer counts per (range key, touchpoint, metric, score), from rollups or raw rows, in one statement. */
@Injectable()
export class ScoreCountsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async counts(r: CountsRequest): Promise<CountRow[]> {
    if (r.pairs.length === 0) return [];
    const parts = LEVELS.flatMap((level) => {
      const pieces = r.pieces.filter((p) => p.level === level);
      return pieces.length === 0 ? [] : [levelSql(level, pieces, r)];
    });
    const rolled = r.pieces.filter((p) => p.level !== 'raw');
    if (rolled.length > 0) parts.push(pendingSql(rolled, r));
    if (parts.length === 0) return [];
    return this.prisma.$queryRaw<CountRow[]>`
      SELECT key, tp AS "touchpointId", metric::text AS metric, score, sum(count)::int AS count
      FROM (${Prisma.join(parts, ' UNION ALL ')}) AS levels
      GROUP BY 1, 2, 3, 4 HAVING sum(count) <> 0`;
  }
}

function rangesSql(pieces: Piece[]): Prisma.Sql {
  // Timestamps go in as UTC text cast to `timestamp`, the columns' type, so
  // the session's TimeZone setting can never shift a boundary.
  return Prisma.sql`unnest(${pieces.map((p) => p.key)}::int[],
    ${pieces.map((p) => new Date(p.from).toISOString())}::timestamp[],
    ${pieces.map((p) => new Date(p.to).toISOString())}::timestamp[],
    ${pieces.map((p) => p.sign)}::int[]) AS r(key, f, t, sign)`;
}

function pairsSql(r: CountsRequest): Prisma.Sql {
  return Prisma.sql`unnest(${r.pairs.map((p) => p.touchpointId)}::text[],
    ${r.pairs.map((p) => p.metric)}::"Metric"[]) AS p(tp, metric)`;
}

/**
 * Rollup changes not yet folded in (RollupRepository.fold), counted in every
 * rollup piece whose range holds them, with its sign, as the folded rows would
 * be. Raw pieces count responses themselves and need none. One index probe per
 * pair: the table holds about a second of answers.
 */
function pendingSql(pieces: Piece[], r: CountsRequest): Prisma.Sql {
  const tp = r.byTouchpoint ? Prisma.sql`p.tp` : Prisma.sql`''`;
  return Prisma.sql`(SELECT r.key, ${tp} AS tp, p.metric, x.score, r.sign * x.delta AS count FROM ${pairsSql(r)}
    CROSS JOIN LATERAL (SELECT s.at, s.score, s.delta FROM score_rollup_deltas s
      WHERE s.touchpoint_id = p.tp AND s.metric = p.metric OFFSET 0) x
    JOIN ${rangesSql(pieces)} ON x.at >= r.f AND x.at < r.t)`;
}

function levelSql(level: Level, pieces: Piece[], r: CountsRequest): Prisma.Sql {
  const ranges = rangesSql(pieces);
  const pairs = pairsSql(r);
  const tp = r.byTouchpoint ? Prisma.sql`p.tp` : Prisma.sql`''`;
  // One index range scan per (piece, pair), with equality on touchpoint and
  // metric; OFFSET 0 (and GROUP BY for raw rows) keeps the planner from
  // turning it into a join that reads every row of the touchpoints.
  const rows =
    level === 'raw'
      ? Prisma.sql`SELECT s.score, count(*) AS count FROM responses s
        WHERE s.touchpoint_id = p.tp AND s.metric = p.metric AND s.created_at >= r.f AND s.created_at < r.t
          AND s.workspace_id = ${r.workspaceId} ${filterSql(r.filters)} GROUP BY s.score`
      : Prisma.sql`SELECT s.score, s.count FROM ${ROLLUP_TABLES[level]} s
        WHERE s.touchpoint_id = p.tp AND s.metric = p.metric AND s.bucket >= r.f AND s.bucket < r.t OFFSET 0`;
  return Prisma.sql`(SELECT r.key, ${tp} AS tp, p.metric, x.score, r.sign * x.count AS count FROM ${ranges} CROSS JOIN ${pairs} CROSS JOIN LATERAL (${rows}) x)`;
}

function filterSql(filters: PropertyFilter[]): Prisma.Sql {
  if (filters.length === 0) return Prisma.empty;
  return Prisma.join(
    filters.map((f) => Prisma.sql`AND s.person_properties @> ANY(${candidateObjects(f)}::jsonb[])`),
    ' ',
  );
}
