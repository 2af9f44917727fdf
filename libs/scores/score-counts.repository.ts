import { Injectable } from '@nestjs/common';
import { HistoryLayout, Prisma, ReadRouter } from '@cairn/database';
import type { Metric } from '@cairn/scoring';
import { type PropertyFilter, candidateObjects } from './property-filter';
import type { Level, Piece } from './range-plan';

export interface CountsRequest {
  workspaceId: string;
  /**
   * The (touchpoint, metric) pairs to count, or a query of them (columns tp,
   * metric, i numbering them from 1: journeyPairsSql), which lets a caller
   * count without waiting for its own read of the pairs.
   */
  pairs: Array<{ touchpointId: string; metric: Metric }> | Prisma.Sql;
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

/**
 * Answer counts per (range key, touchpoint, metric, score), from rollups or raw
 * rows, in one statement. It runs on the pg pool, not through Prisma's
 * $queryRaw: on a journey map (1,000+ rows back) Prisma's result mapping cost
 * 1–4 ms of CPU per call, most of this read's time in Node.
 */
@Injectable()
export class ScoreCountsRepository {
  constructor(
    private readonly reads: ReadRouter,
    private readonly layout: HistoryLayout,
  ) {}

  async counts(r: CountsRequest): Promise<CountRow[]> {
    if (Array.isArray(r.pairs) && r.pairs.length === 0) return [];
    const raw = r.pieces.filter((p) => p.level === 'raw');
    // The raw pieces' months, on history partitioned by month: an edge of an hour reads one or two months' answers,
    // not every month's (at size, 41 partitions: each raw read probed them all).
    const answers =
      raw.length > 0
        ? await this.layout.answersDated(new Date(Math.min(...raw.map((p) => p.from))), new Date(Math.max(...raw.map((p) => p.to))))
        : Prisma.empty;
    const parts = LEVELS.flatMap((level) => {
      const pieces = r.pieces.filter((p) => p.level === level);
      return pieces.length === 0 ? [] : [levelSql(level, pieces, r, answers)];
    });
    const rolled = r.pieces.filter((p) => p.level !== 'raw');
    if (rolled.length > 0) parts.push(pendingSql(rolled, r));
    if (parts.length === 0) return [];
    // Grouped by integers and the enum, not by text: with a small row
    // estimate Postgres sorts to group, and sorting touchpoint ids under the
    // database's collation took longer than reading the rollups (a map: 13k
    // rows, 90 ms). Every count is an int (count(*)::int below): sum(int)
    // adds in bigint, where one bigint would make it add in numeric.
    // The pairs are a CTE the parts scan by position (i); the touchpoint ids
    // are joined back to the grouped rows only.
    const sql = Prisma.sql`
      WITH pairs AS MATERIALIZED (${pairsSource(r)})
      SELECT c.key, ${r.byTouchpoint ? Prisma.sql`pairs.tp` : Prisma.sql`''`} AS "touchpointId", c.metric::text AS metric, c.score, c.count
      FROM (SELECT key, pair, levels.metric, score, sum(count)::int AS count
            FROM (${Prisma.join(parts, ' UNION ALL ')}) AS levels
            GROUP BY key, pair, levels.metric, score HAVING sum(count) <> 0) c
      ${r.byTouchpoint ? Prisma.sql`JOIN pairs ON pairs.i = c.pair` : Prisma.empty}`;
    return this.reads.query<CountRow>(sql);
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

function pairsSource(r: CountsRequest): Prisma.Sql {
  if (!Array.isArray(r.pairs)) return r.pairs;
  return Prisma.sql`SELECT tp, metric, i::int FROM unnest(${r.pairs.map((p) => p.touchpointId)}::text[],
    ${r.pairs.map((p) => p.metric)}::"Metric"[]) WITH ORDINALITY AS u(tp, metric, i)`;
}

/** The pairs CTE of counts(), as each part reads it. */
const PAIRS = Prisma.sql`pairs p`;

/** Which pair a row belongs to: its 1-based position in r.pairs, or 0 for all of them when not by touchpoint. */
function pairSql(r: CountsRequest, alias: 'p' | 'y'): Prisma.Sql {
  return r.byTouchpoint ? Prisma.sql`${Prisma.raw(alias)}.i` : Prisma.sql`0`;
}

/**
 * Rollup changes not yet folded in (RollupRepository.fold), counted in every
 * rollup piece whose range holds them, with its sign, as the folded rows would
 * be. Raw pieces count responses themselves and need none. One index probe per
 * pair: the table holds about a second of answers.
 */
function pendingSql(pieces: Piece[], r: CountsRequest): Prisma.Sql {
  return Prisma.sql`(SELECT r.key, ${pairSql(r, 'p')} AS pair, p.metric, x.score, r.sign * x.delta AS count FROM ${PAIRS}
    CROSS JOIN LATERAL (SELECT s.at, s.score, s.delta FROM score_rollup_deltas s
      WHERE s.touchpoint_id = p.tp AND s.metric = p.metric OFFSET 0) x
    JOIN ${rangesSql(pieces)} ON x.at >= r.f AND x.at < r.t)`;
}

/** `answers`: the FROM item raw pieces count from (HistoryLayout.answersDated). */
function levelSql(level: Level, pieces: Piece[], r: CountsRequest, answers: Prisma.Sql): Prisma.Sql {
  const pairs = PAIRS;
  // One index range scan per (span, pair), with equality on touchpoint and
  // metric; GROUP BY keeps the planner from turning it into a join that
  // reads every row of the touchpoints, and hands on one row per score
  // instead of one per bucket and score (a map: 5.7k rows instead of 19k
  // into the final grouping).
  const rows =
    level === 'raw'
      ? Prisma.sql`SELECT s.score, count(*)::int AS count FROM ${answers} s
        WHERE s.touchpoint_id = p.tp AND s.metric = p.metric AND s.created_at >= r.f AND s.created_at < r.t
          AND s.workspace_id = ${r.workspaceId} ${segmentFilterSql('s', r.filters)} GROUP BY s.score`
      : Prisma.sql`SELECT s.score, sum(s.count)::int AS count FROM ${ROLLUP_TABLES[level]} s
        WHERE s.touchpoint_id = p.tp AND s.metric = p.metric AND s.bucket >= r.f AND s.bucket < r.t GROUP BY s.score`;
  // Adjacent ranges (a map's trend periods, a series' buckets) plan the same
  // span around each boundary: the day or hours one range adds, the next one
  // subtracts. Each span is read once and its rows go to every (key, sign)
  // that uses it; OFFSET 0 keeps that join after the reads, not before them.
  const spans = distinctSpans(pieces);
  if (spans.length === pieces.length) {
    return Prisma.sql`(SELECT r.key, ${pairSql(r, 'p')} AS pair, p.metric, x.score, r.sign * x.count AS count
      FROM ${rangesSql(pieces)} CROSS JOIN ${pairs} CROSS JOIN LATERAL (${rows}) x)`;
  }
  const read = Prisma.sql`SELECT r.id, p.i, p.metric, x.score, x.count
    FROM ${spansSql(spans)} CROSS JOIN ${pairs} CROSS JOIN LATERAL (${rows}) x OFFSET 0`;
  return Prisma.sql`(SELECT g.key, ${pairSql(r, 'y')} AS pair, y.metric, y.score, g.sign * y.count AS count
    FROM (${read}) y JOIN ${targetsSql(pieces, spans)} ON g.id = y.id)`;
}

interface Span {
  from: number;
  to: number;
}

function spanId(p: Span): string {
  return `${p.from}/${p.to}`;
}

function distinctSpans(pieces: Piece[]): Span[] {
  const seen = new Map<string, Span>();
  for (const p of pieces) if (!seen.has(spanId(p))) seen.set(spanId(p), { from: p.from, to: p.to });
  return [...seen.values()];
}

function spansSql(spans: Span[]): Prisma.Sql {
  // UTC text cast to `timestamp`, as in rangesSql.
  return Prisma.sql`unnest(${spans.map((p) => new Date(p.from).toISOString())}::timestamp[],
    ${spans.map((p) => new Date(p.to).toISOString())}::timestamp[]) WITH ORDINALITY AS r(f, t, id)`;
}

/** Which (key, sign) each span counts towards; ids are the spans' 1-based positions, as WITH ORDINALITY numbers them. */
function targetsSql(pieces: Piece[], spans: Span[]): Prisma.Sql {
  const ids = new Map(spans.map((span, i) => [spanId(span), i + 1]));
  return Prisma.sql`unnest(${pieces.map((p) => ids.get(spanId(p)))}::int[], ${pieces.map((p) => p.key)}::int[],
    ${pieces.map((p) => p.sign)}::int[]) AS g(id, key, sign)`;
}

const SQL_ALIAS = /^[a-z_][a-z0-9_]*$/;

/** `<alias>.created_at` in [since, until), the bounds as UTC text cast to `timestamp`, the column's type (as rangesSql). */
export function createdInSql(alias: string, since: Date, until: Date): Prisma.Sql {
  if (!SQL_ALIAS.test(alias)) throw new Error(`createdInSql: ${JSON.stringify(alias)} is not a table alias`);
  const column = Prisma.raw(`${alias}.created_at`);
  return Prisma.sql`${column} >= ${since.toISOString()}::timestamp AND ${column} < ${until.toISOString()}::timestamp`;
}

/**
 * The filters as `AND <alias>.person_properties @> ANY(...)` conditions on the answers' snapshot, one per filter
 * (empty without filters): every read of answers by segment applies them alike. The alias is spliced into the
 * statement, so only a plain identifier is taken.
 */
export function segmentFilterSql(alias: string, filters: PropertyFilter[]): Prisma.Sql {
  if (!SQL_ALIAS.test(alias)) throw new Error(`segmentFilterSql: ${JSON.stringify(alias)} is not a table alias`);
  if (filters.length === 0) return Prisma.empty;
  const column = Prisma.raw(`${alias}.person_properties`);
  return Prisma.join(
    filters.map((f) => Prisma.sql`AND ${column} @> ANY(${candidateObjects(f)}::jsonb[])`),
    ' ',
  );
}
