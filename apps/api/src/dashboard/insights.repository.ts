import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@cairn/database';
import { type PropertyFilter, segmentFilterSql } from '@cairn/scores';

export interface CommentRow {
  id: string;
  metric: string;
  score: number;
  comment: string;
  locale: string | null;
  /** How the answer came: email, web, app, api, import, qr, kiosk. */
  source: string;
  created_at: Date;
  person_id: string | null;
  person_name: string | null;
  person_email: string | null;
  case_id: string | null;
  /** Comment analysis; null while pending. */
  language: string | null;
  sentiment_score: number | null;
  sentiment_label: string | null;
  themes: string[] | null;
}

/** Read models of the dashboard that the public endpoints do not offer (comment search, segment choices). */
@Injectable()
export class InsightsRepository {
  constructor(private readonly prisma: PrismaService) {}

  comments(r: {
    workspaceId: string;
    touchpointId: string;
    metric: string | null;
    since: Date;
    until: Date;
    scores: number[] | null;
    text: string | null;
    theme: string | null;
    sentiment: string | null;
    filters: PropertyFilter[];
    limit: number;
  }) {
    // ILIKE with the user's text as a literal: % and _ and \ are escaped, so they match themselves.
    const pattern = r.text ? `%${r.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    return this.prisma.$queryRaw<CommentRow[]>`
      SELECT r.id, r.metric::text, r.score, r.comment, r.locale, r.source::text, r.created_at, p.id AS person_id, p.name AS person_name, p.email AS person_email, c.id AS case_id,
        ca.language, ca.sentiment_score, ca.sentiment_label::text, ca.themes
      FROM responses r LEFT JOIN people p ON p.id = r.person_id LEFT JOIN cases c ON c.response_id = r.id
        LEFT JOIN comment_analyses ca ON ca.response_id = r.id
      WHERE r.workspace_id = ${r.workspaceId} AND r.touchpoint_id = ${r.touchpointId}
        AND r.created_at >= ${r.since} AND r.created_at < ${r.until}
        AND r.comment IS NOT NULL AND r.comment <> ''
        ${r.metric ? Prisma.sql`AND r.metric = ${r.metric}::"Metric"` : Prisma.empty}
        ${r.scores ? Prisma.sql`AND r.score = ANY(${r.scores}::int[])` : Prisma.empty}
        ${pattern ? Prisma.sql`AND r.comment ILIKE ${pattern}` : Prisma.empty}
        ${r.theme ? Prisma.sql`AND ca.themes @> ARRAY[${r.theme}]::text[]` : Prisma.empty}
        ${r.sentiment ? Prisma.sql`AND ca.sentiment_label::text = ${r.sentiment}` : Prisma.empty}
        ${segmentFilterSql('r', r.filters)}
      ORDER BY r.created_at DESC, r.id DESC
      LIMIT ${r.limit}`;
  }

  /** Property → value counts over the latest answers; the caller keeps the categorical ones. */
  segmentValues(workspaceId: string, sample: number) {
    return this.prisma.$queryRaw<Array<{ key: string; value: string; n: number }>>`
      SELECT kv.key, kv.value, count(*)::int AS n
      FROM (SELECT person_properties FROM responses WHERE workspace_id = ${workspaceId} AND jsonb_typeof(person_properties) = 'object'
            ORDER BY created_at DESC LIMIT ${sample}) r,
           jsonb_each_text(r.person_properties) AS kv(key, value)
      GROUP BY kv.key, kv.value
      ORDER BY kv.key, n DESC`;
  }
}
