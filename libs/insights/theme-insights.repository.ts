import { Injectable } from '@nestjs/common';
import { Prisma, ReadRouter } from '@cairn/database';
import type { Metric } from '@cairn/scoring';
import { createdInSql, type PropertyFilter, segmentFilterSql } from '@cairn/scores';

export interface InsightScope {
  workspaceId: string;
  touchpointIds: string[];
  metric: Metric;
  since: Date;
  until: Date;
  filters: PropertyFilter[];
}

/** Answers per score: of the whole scope (theme null), or of those whose comment mentions the theme. */
export interface ThemeCountRow {
  theme: string | null;
  score: number;
  n: number;
  positive: number;
  neutral: number;
  negative: number;
}

/** What the theme insights read: one pass over the scope's answers with their comment analyses. */
@Injectable()
export class ThemeInsightsRepository {
  constructor(private readonly reads: ReadRouter) {}

  async counts(scope: InsightScope): Promise<ThemeCountRow[]> {
    const segments = segmentFilterSql('r', scope.filters);
    return this.reads.query<ThemeCountRow>(Prisma.sql`
      WITH scoped AS (
        SELECT r.score, a.themes, a.sentiment_label AS label, a.response_id IS NOT NULL AS analysed
        FROM responses r LEFT JOIN comment_analyses a ON a.response_id = r.id
        WHERE r.workspace_id = ${scope.workspaceId} AND r.touchpoint_id = ANY(${scope.touchpointIds}::text[])
          AND r.metric = ${scope.metric}::"Metric" AND ${createdInSql('r', scope.since, scope.until)} ${segments})
      SELECT NULL::text AS theme, score, count(*)::int AS n,
        count(*) FILTER (WHERE label = 'positive')::int AS positive, count(*) FILTER (WHERE label = 'neutral')::int AS neutral,
        count(*) FILTER (WHERE label = 'negative')::int AS negative
      FROM scoped GROUP BY score
      UNION ALL
      SELECT t.theme, s.score, count(*)::int,
        count(*) FILTER (WHERE s.label = 'positive')::int, count(*) FILTER (WHERE s.label = 'neutral')::int,
        count(*) FILTER (WHERE s.label = 'negative')::int
      FROM scoped s CROSS JOIN LATERAL unnest(s.themes) AS t(theme) GROUP BY t.theme, s.score`);
  }

  /**
   * The same counts for every stage of a journey at once, per stage and metric (a stage may mix metrics): the
   * journey map's stage themes in one statement rather than one per stage.
   */
  async stageCounts(scope: {
    workspaceId: string;
    journeyId: string;
    since: Date;
    until: Date;
    filters: PropertyFilter[];
  }): Promise<Array<ThemeCountRow & { stage_id: string; metric: Metric }>> {
    const segments = segmentFilterSql('r', scope.filters);
    return this.reads.query<ThemeCountRow & { stage_id: string; metric: Metric }>(Prisma.sql`
      WITH scoped AS (
        SELECT r.stage_id, r.metric::text AS metric, r.score, a.themes, a.sentiment_label AS label
        FROM responses r LEFT JOIN comment_analyses a ON a.response_id = r.id
        -- Relationship answers (no stage) are not part of the map's stages.
        WHERE r.workspace_id = ${scope.workspaceId} AND r.journey_id = ${scope.journeyId} AND r.stage_id IS NOT NULL
          AND ${createdInSql('r', scope.since, scope.until)} ${segments})
      SELECT stage_id, metric, NULL::text AS theme, score, count(*)::int AS n,
        count(*) FILTER (WHERE label = 'positive')::int AS positive, count(*) FILTER (WHERE label = 'neutral')::int AS neutral,
        count(*) FILTER (WHERE label = 'negative')::int AS negative
      FROM scoped GROUP BY stage_id, metric, score
      UNION ALL
      SELECT s.stage_id, s.metric, t.theme, s.score, count(*)::int,
        count(*) FILTER (WHERE s.label = 'positive')::int, count(*) FILTER (WHERE s.label = 'neutral')::int,
        count(*) FILTER (WHERE s.label = 'negative')::int
      FROM scoped s CROSS JOIN LATERAL unnest(s.themes) AS t(theme) GROUP BY s.stage_id, s.metric, t.theme, s.score`);
  }

  /** Analysed comments of the scope, newest first, for suggestions. */
  async comments(scope: InsightScope, limit: number): Promise<Array<{ comment: string; language: string; themes: string[] }>> {
    const segments = segmentFilterSql('r', scope.filters);
    return this.reads.query<{ comment: string; language: string; themes: string[] }>(Prisma.sql`
      SELECT r.comment, a.language, a.themes
      FROM responses r JOIN comment_analyses a ON a.response_id = r.id
      WHERE r.workspace_id = ${scope.workspaceId} AND r.touchpoint_id = ANY(${scope.touchpointIds}::text[])
        AND r.metric = ${scope.metric}::"Metric" AND ${createdInSql('r', scope.since, scope.until)}
        AND r.comment IS NOT NULL ${segments}
      ORDER BY r.created_at DESC LIMIT ${limit}`);
  }
}
