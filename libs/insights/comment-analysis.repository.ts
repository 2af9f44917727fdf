import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { arrayParam, PG_POOL, PrismaService } from '@cairn/database';

/** A comment to analyse, with the workspace's current themes version. */
export interface CommentToAnalyse {
  responseId: string;
  workspaceId: string;
  comment: string | null;
  locale: string | null;
  themesVersion: number;
}

export interface AnalysisWrite {
  responseId: string;
  workspaceId: string;
  language: string;
  sentimentScore: number;
  sentimentLabel: 'positive' | 'neutral' | 'negative';
  themes: string[];
  themesVersion: number;
}

/** Where the workspace's comments stand against its current themes version. */
export interface AnalysisProgress {
  comments: number;
  current: number;
}

/**
 * Analyses of comments: one row per response that has a comment. The live path (`comments`, `save`, `remove`: every
 * answer's event) runs named statements on the pg pool: through Prisma each call cost the worker 1–4 ms of CPU, and
 * they ran for every answer (bench/webhooks-bench). Re-analysis and progress are rare and stay on Prisma.
 */
@Injectable()
export class CommentAnalysisRepository {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** The responses' comments as they are now (a response that is gone is left out). */
  async comments(responseIds: string[]): Promise<CommentToAnalyse[]> {
    const { rows } = await this.pool.query<CommentToAnalyse>({
      name: 'comment-analysis-comments',
      text: `SELECT r.id AS "responseId", r.workspace_id AS "workspaceId", r.comment, r.locale, w.themes_version AS "themesVersion"
        FROM responses r JOIN workspaces w ON w.id = r.workspace_id
        WHERE r.id = ANY(${arrayParam(1, 'text')})`,
      values: [responseIds],
    });
    return rows;
  }

  /**
   * The next comments of a workspace with no analysis or one made under an older themes version, in id order
   * after `afterId`: a re-analysis walks the workspace once, whatever is written meanwhile.
   */
  stale(workspaceId: string, version: number, afterId: string, limit: number): Promise<CommentToAnalyse[]> {
    return this.prisma.$queryRaw<CommentToAnalyse[]>`
      SELECT r.id AS "responseId", r.workspace_id AS "workspaceId", r.comment, r.locale, ${version}::int AS "themesVersion"
      FROM responses r LEFT JOIN comment_analyses a ON a.response_id = r.id
      WHERE r.workspace_id = ${workspaceId} AND r.id > ${afterId} AND r.comment IS NOT NULL AND r.comment <> ''
        AND (a.response_id IS NULL OR a.themes_version < ${version})
      ORDER BY r.id LIMIT ${limit}`;
  }

  /** Writes many analyses in one statement; an analysis of an older themes version never replaces a newer one. */
  async save(rows: AnalysisWrite[]): Promise<void> {
    if (!rows.length) return;
    await this.pool.query({
      name: 'comment-analysis-save',
      text: `INSERT INTO comment_analyses (response_id, workspace_id, language, sentiment_score, sentiment_label, themes, themes_version, analysed_at)
        SELECT a.response_id, a.workspace_id, a.language, a.sentiment_score, a.sentiment_label::sentiment_label,
               ARRAY(SELECT jsonb_array_elements_text(a.themes)), a.themes_version, now() AT TIME ZONE 'UTC'
        FROM jsonb_to_recordset($1::jsonb)
          AS a(response_id text, workspace_id text, language text, sentiment_score real, sentiment_label text, themes jsonb, themes_version int)
        -- A response erased or deleted since it was read is skipped, not an error.
        WHERE EXISTS (SELECT 1 FROM responses r WHERE r.id = a.response_id)
        ON CONFLICT (response_id) DO UPDATE SET language = EXCLUDED.language, sentiment_score = EXCLUDED.sentiment_score,
          sentiment_label = EXCLUDED.sentiment_label, themes = EXCLUDED.themes, themes_version = EXCLUDED.themes_version,
          analysed_at = EXCLUDED.analysed_at
        WHERE comment_analyses.themes_version <= EXCLUDED.themes_version`,
      values: [JSON.stringify(rows.map(toRecord))],
    });
  }

  /** A comment removed (edited away, anonymised): its analysis goes with it. */
  async remove(responseIds: string[]): Promise<void> {
    if (!responseIds.length) return;
    await this.pool.query({
      name: 'comment-analysis-remove',
      text: 'DELETE FROM comment_analyses WHERE response_id = ANY($1::text[])',
      values: [responseIds],
    });
  }

  async progress(workspaceId: string, version: number): Promise<AnalysisProgress> {
    const [row] = await this.prisma.$queryRaw<Array<{ comments: number; current: number }>>`
      SELECT count(*)::int AS comments, count(a.response_id) FILTER (WHERE a.themes_version >= ${version})::int AS current
      FROM responses r LEFT JOIN comment_analyses a ON a.response_id = r.id
      WHERE r.workspace_id = ${workspaceId} AND r.comment IS NOT NULL AND r.comment <> ''`;
    return row;
  }
}

function toRecord(row: AnalysisWrite) {
  return {
    response_id: row.responseId,
    workspace_id: row.workspaceId,
    language: row.language,
    sentiment_score: row.sentimentScore,
    sentiment_label: row.sentimentLabel,
    themes: row.themes,
    themes_version: row.themesVersion,
  };
}
