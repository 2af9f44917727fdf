import { Injectable } from '@nestjs/common';
import { Prisma, ReadRouter } from '@cairn/database';
import type { PropertyFilter } from './property-filter';
import { createdInSql, segmentFilterSql } from './score-counts.repository';

export interface MapCommentScope {
  workspaceId: string;
  journeyId: string;
  since: Date;
  until: Date;
  filters: PropertyFilter[];
}

/** A stage's analysed comments in the range: how many, and their mean sentiment score (−1..1). */
export interface StageSentimentRow {
  stageId: string;
  n: number;
  mean: number;
}

/**
 * One theme of one stage: its mentions and their sentiment labels, and a candidate quote — the most negative
 * (`pick` = 'negative') or the most positive ('positive') comment mentioning it. Both candidates come back; the
 * service keeps the one that fits the theme's leaning.
 */
export interface StageThemeQuoteRow {
  stageId: string;
  theme: string;
  name: string | null;
  mentions: number;
  negative: number;
  positive: number;
  pick: 'negative' | 'positive';
  responseId: string;
  comment: string;
}

/** Comments longer than this are passed over for a quote while a shorter one mentions the theme. */
export const QUOTE_CHARS = 200;

/**
 * The journey map's comment layer: two statements for the whole journey (never one per stage or touchpoint),
 * over comment_analyses joined to the answers in the range, with the map's segment and persona filters.
 */
@Injectable()
export class MapCommentsRepository {
  constructor(private readonly reads: ReadRouter) {}

  async stageSentiment(scope: MapCommentScope): Promise<StageSentimentRow[]> {
    return this.reads.query<StageSentimentRow>(Prisma.sql`
      SELECT r.stage_id AS "stageId", count(*)::int AS n, avg(a.sentiment_score)::float8 AS mean
      FROM responses r JOIN comment_analyses a ON a.response_id = r.id
      WHERE ${this.where(scope)}
      GROUP BY r.stage_id`);
  }

  /**
   * Per stage and theme: mentions, the negative and positive ones among them, and the two candidate quotes. Short
   * comments first (≤ QUOTE_CHARS), then by sentiment score, then the newest (then the id, so a tie is stable).
   */
  async stageThemeQuotes(scope: MapCommentScope): Promise<StageThemeQuoteRow[]> {
    return this.reads.query<StageThemeQuoteRow>(Prisma.sql`
      WITH mentions AS (
        SELECT r.id, r.stage_id, r.comment, r.created_at, a.sentiment_score AS s, a.sentiment_label AS label, t.theme
        FROM responses r JOIN comment_analyses a ON a.response_id = r.id CROSS JOIN LATERAL unnest(a.themes) AS t(theme)
        WHERE ${this.where(scope)}
      ), ranked AS (
        SELECT m.*,
          count(*) OVER w AS mentions,
          count(*) FILTER (WHERE label = 'negative') OVER w AS negative,
          count(*) FILTER (WHERE label = 'positive') OVER w AS positive,
          row_number() OVER (PARTITION BY stage_id, theme
            ORDER BY char_length(comment) > ${QUOTE_CHARS}, s ASC, created_at DESC, id) AS most_negative,
          row_number() OVER (PARTITION BY stage_id, theme
            ORDER BY char_length(comment) > ${QUOTE_CHARS}, s DESC, created_at DESC, id) AS most_positive
        FROM mentions m
        WINDOW w AS (PARTITION BY stage_id, theme)
      )
      SELECT k.stage_id AS "stageId", k.theme, th.name->>'en' AS name, k.mentions::int AS mentions,
        k.negative::int AS negative, k.positive::int AS positive, p.pick, k.id AS "responseId", k.comment
      FROM ranked k
      CROSS JOIN LATERAL (VALUES ('negative', k.most_negative), ('positive', k.most_positive)) AS p(pick, rank)
      LEFT JOIN themes th ON th.workspace_id = ${scope.workspaceId} AND th.key = k.theme
      WHERE p.rank = 1`);
  }

  // Every metric named: the (journey_id, metric, created_at) index then serves the range as one scan per metric.
  // Answers to the journey's relationship survey (no stage) are not part of the map: the drivers page reads them.
  private where(scope: MapCommentScope): Prisma.Sql {
    return Prisma.sql`r.workspace_id = ${scope.workspaceId} AND r.journey_id = ${scope.journeyId} AND r.stage_id IS NOT NULL
      AND r.metric = ANY(enum_range(NULL::"Metric")) AND ${createdInSql('r', scope.since, scope.until)}
      AND r.comment IS NOT NULL ${segmentFilterSql('r', scope.filters)}`;
  }
}
