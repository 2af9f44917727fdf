import { Injectable } from '@nestjs/common';
import { ReadRouter } from '@cairn/database';
import type { Metric } from '@cairn/scoring';

export interface DriverSubject {
  journeyFound: boolean;
  minReliableN: number;
  /** The journey's relationship survey (the active one, else the newest); null when it has none. */
  survey: { id: string; metric: Metric } | null;
  touchpoints: Array<{ id: string; name: string }>;
  /** Theme key → its English name (the names insights show). */
  themeNames: Record<string, string>;
}

/** One relationship respondent: their latest relationship answer in the period and what they answered before it. */
export interface RespondentRow {
  personId: string;
  outcome: number;
  /** Latest answer per touchpoint and metric within the window before the relationship answer. */
  answers: Array<{ touchpointId: string; metric: Metric; score: number }>;
  /** Themes of any of their touchpoint comments in that window. */
  themes: string[];
}

export interface CountRow {
  touchpointId: string;
  metric: Metric;
  score: number;
  n: number;
}

export interface DriverScope {
  workspaceId: string;
  journeyId: string;
  surveyId: string;
  since: Date;
  until: Date;
  windowDays: number;
}

/**
 * What key driver analysis reads: two statements per request, whatever the number of people — the subject, then every
 * respondent with their touchpoint answers (aggregated in SQL per person) together with the touchpoints' answer counts.
 */
@Injectable()
export class DriverDataRepository {
  constructor(private readonly reads: ReadRouter) {}

  async subject(workspaceId: string, journeyId: string): Promise<DriverSubject> {
    const [row] = await (
      await this.reads.client()
    ).$queryRaw<DriverSubject[]>`
      SELECT w.min_reliable_n AS "minReliableN",
        EXISTS (SELECT 1 FROM journeys j WHERE j.id = ${journeyId} AND j.workspace_id = w.id AND j.archived_at IS NULL) AS "journeyFound",
        (SELECT json_build_object('id', s.id, 'metric', s.metric) FROM surveys s
          WHERE s.workspace_id = w.id AND s.journey_id = ${journeyId} AND s.kind = 'relationship'
          ORDER BY s.active DESC, s.created_at DESC LIMIT 1) AS survey,
        COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY st.position, t.position, t.created_at)
          FROM touchpoints t JOIN stages st ON st.id = t.stage_id
          WHERE t.journey_id = ${journeyId} AND t.workspace_id = w.id), '[]') AS touchpoints,
        COALESCE((SELECT json_object_agg(h.key, COALESCE(h.name->>'en', h.key)) FROM themes h WHERE h.workspace_id = w.id), '{}') AS "themeNames"
      FROM workspaces w WHERE w.id = ${workspaceId}`;
    return row ?? { journeyFound: false, minReliableN: 30, survey: null, touchpoints: [], themeNames: {} };
  }

  // Touchpoint answers are every answer of the journey except those of its relationship surveys (any of them: a
  // replaced relationship survey's answers are no touchpoint's).

  /**
   * In one statement: the people whose latest relationship answer falls in [since, until), each with their latest
   * answer per touchpoint in [answer − windowDays, answer) and the themes of their touchpoint comments in that window
   * (erased people's answers, person_id null, cannot be joined and are left out); and the touchpoints' answers per
   * metric and score in [since, until), their performance.
   */
  async read(s: DriverScope): Promise<{ respondents: RespondentRow[]; counts: CountRow[] }> {
    const [row] = await (
      await this.reads.client()
    ).$queryRaw<Array<{ respondents: RespondentRow[]; counts: CountRow[] }>>`
      WITH rel AS (
        SELECT DISTINCT ON (r.person_id) r.person_id, r.score, r.created_at FROM responses r
        WHERE r.workspace_id = ${s.workspaceId} AND r.survey_id = ${s.surveyId} AND r.person_id IS NOT NULL
          AND r.created_at >= ${s.since} AND r.created_at < ${s.until}
        ORDER BY r.person_id, r.created_at DESC, r.id DESC),
      tp AS (
        SELECT rel.person_id, t.touchpoint_id, t.metric, t.score, t.created_at, t.id, a.themes
        FROM rel JOIN responses t ON t.workspace_id = ${s.workspaceId} AND t.person_id = rel.person_id
          AND t.journey_id = ${s.journeyId} AND NOT EXISTS (SELECT 1 FROM surveys v WHERE v.id = t.survey_id AND v.kind = 'relationship')
          AND t.created_at >= rel.created_at - make_interval(days => ${s.windowDays}::int) AND t.created_at < rel.created_at
        LEFT JOIN comment_analyses a ON a.response_id = t.id),
      latest AS (
        SELECT DISTINCT ON (person_id, touchpoint_id, metric) person_id, touchpoint_id, metric, score FROM tp
        ORDER BY person_id, touchpoint_id, metric, created_at DESC, id DESC),
      answers AS (
        SELECT person_id, json_agg(json_build_object('touchpointId', touchpoint_id, 'metric', metric, 'score', score)) AS answers
        FROM latest GROUP BY person_id),
      themes AS (
        SELECT person_id, array_agg(DISTINCT theme) AS themes FROM tp CROSS JOIN LATERAL unnest(tp.themes) AS theme GROUP BY person_id),
      counts AS (
        SELECT touchpoint_id, metric, score, count(*)::int AS n FROM responses
        WHERE workspace_id = ${s.workspaceId} AND journey_id = ${s.journeyId}
          AND NOT EXISTS (SELECT 1 FROM surveys v WHERE v.id = responses.survey_id AND v.kind = 'relationship')
          AND created_at >= ${s.since} AND created_at < ${s.until}
        GROUP BY touchpoint_id, metric, score)
      SELECT
        COALESCE((SELECT json_agg(json_build_object('personId', rel.person_id, 'outcome', rel.score,
            'answers', COALESCE(answers.answers, '[]'::json), 'themes', COALESCE(themes.themes, '{}')))
          FROM rel LEFT JOIN answers USING (person_id) LEFT JOIN themes USING (person_id)), '[]') AS respondents,
        COALESCE((SELECT json_agg(json_build_object('touchpointId', touchpoint_id, 'metric', metric, 'score', score, 'n', n))
          FROM counts), '[]') AS counts`;
    return row;
  }

  /** The relationship answers per month (UTC) from `from`: the trend on the journey map's header. */
  async monthly(workspaceId: string, surveyId: string, from: Date): Promise<Array<{ month: Date; score: number; n: number }>> {
    return (await this.reads.client()).$queryRaw`
      SELECT date_trunc('month', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS month, score, count(*)::int AS n
      FROM responses WHERE workspace_id = ${workspaceId} AND survey_id = ${surveyId} AND created_at >= ${from}
      GROUP BY 1, 2`;
  }
}
