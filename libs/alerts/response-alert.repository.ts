import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { CaseOpenPart } from '@cairn/cases';
import type { AlertRule, Metric } from '@cairn/database';
import { PG_POOL } from '@cairn/database';

/** What alerting reads of an answer. */
export interface AlertedResponse {
  id: string;
  workspaceId: string;
  metric: Metric;
  /** The settled score: while the answer page's steps are still moving, the one before them (null: none yet). */
  score: number | null;
  personId: string | null;
  /** Both null for an answer to a relationship survey. */
  touchpointId: string | null;
  stageId: string | null;
}

/** One alert to raise: its id and its alert.triggered event's id are made beforehand, used only if it is new. */
export interface AlertToRaise {
  id: string;
  ruleId: string;
  eventId: string;
  details: object;
}

export interface RaisedAlerts {
  /** New alerts (a rule that already alerted on this response adds none). */
  alerts: number;
  /** 1 when the response's case was opened by this call. */
  cases: number;
  /** Outbox rows written: the relay has work when this is not 0. */
  messages: number;
}

/** Where the case-opening part's value goes in the statement below. */
export const CASE_PART_PARAM = 5;

/**
 * Detractor alerts in ONE statement on the process's pg pool, named (prepared
 * once per connection): the new alerts, the response's case and their outbox
 * rows commit together, as the interactive transaction they replace did, but
 * without holding a connection `idle in transaction` across five round trips
 * (under 100 detractor answers/s those held connections and the worker's
 * CPU per ORM call were what backed up the events queue; bench/webhooks-bench).
 * Unique (rule, response) and cases.response_id keep a re-run or a concurrent
 * run from alerting or opening twice: ON CONFLICT waits for the other and then
 * adds nothing.
 */
@Injectable()
export class ResponseAlertRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * The answer and its workspace's enabled rules (both kinds) in one named statement: this runs for every answer,
   * and as two ORM queries it was a large part of the worker's CPU per answer. Null when the answer is gone.
   */
  async context(responseId: string): Promise<{ response: AlertedResponse; rules: AlertRule[] } | null> {
    const utc = (column: string) => `ar.${column} AT TIME ZONE 'UTC'`;
    const { rows } = await this.pool.query<{ response: AlertedResponse; rules: AlertRule[] }>({
      name: 'response-alert-context',
      text: `SELECT json_build_object('id', r.id, 'workspaceId', r.workspace_id, 'metric', r.metric,
          'score', CASE WHEN r.settling THEN r.settled_score ELSE r.score END,
          'personId', r.person_id, 'touchpointId', r.touchpoint_id, 'stageId', r.stage_id) AS response,
        coalesce((SELECT json_agg(json_build_object('id', ar.id, 'workspaceId', ar.workspace_id, 'name', ar.name, 'kind', ar.kind,
            'metric', ar.metric, 'scoreAtMost', ar.score_at_most, 'thresholds', ar.thresholds, 'touchpointIds', ar.touchpoint_ids,
            'touchpointId', ar.touchpoint_id, 'stageId', ar.stage_id, 'below', ar.below, 'windowDays', ar.window_days,
            'minResponses', ar.min_responses, 'triggered', ar.triggered, 'isDefault', ar.is_default, 'enabled', ar.enabled,
            'createdAt', ${utc('created_at')}, 'updatedAt', ${utc('updated_at')}) ORDER BY ar.created_at)
          FROM alert_rules ar WHERE ar.workspace_id = r.workspace_id AND ar.enabled), '[]'::json) AS rules
        FROM responses r WHERE r.id = $1`,
      values: [responseId],
    });
    if (!rows[0]) return null;
    // JSON carries the two timestamps as text.
    const rules = rows[0].rules.map((rule) => ({ ...rule, createdAt: new Date(rule.createdAt), updatedAt: new Date(rule.updatedAt) }));
    return { response: rows[0].response, rules };
  }

  async raise(
    response: Pick<AlertedResponse, 'id' | 'workspaceId'> & { score: number },
    alerts: AlertToRaise[],
    casePart: CaseOpenPart,
  ): Promise<RaisedAlerts> {
    const { rows } = await this.pool.query<RaisedAlerts>({
      name: 'response-alert-raise',
      text: `WITH wanted AS (
          SELECT * FROM jsonb_to_recordset($4::jsonb) AS a(ord int, id text, "ruleId" text, "eventId" text, details jsonb)),
        raised AS (
          INSERT INTO alerts (id, workspace_id, rule_id, kind, response_id, value, details, created_at)
          SELECT a.id, $1, a."ruleId", 'response', $2, $3, a.details, now() AT TIME ZONE 'UTC' FROM wanted a ORDER BY a.ord
          ON CONFLICT (rule_id, response_id) DO NOTHING
          RETURNING id),
        fresh AS (SELECT a.* FROM wanted a JOIN raised r ON r.id = a.id),
        -- The case is opened with the first new alert, in the rules' order.
        case_source AS (SELECT id AS alert_id FROM fresh ORDER BY ord LIMIT 1),
        ${casePart.ctes},
        announced AS (
          INSERT INTO outbox_events (id, workspace_id, topic, payload, available_at, created_at)
          SELECT m.id, $1, m.topic, m.payload, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' FROM (
            SELECT 0 AS part, a.ord, a."eventId" AS id, 'alert.triggered' AS topic,
              jsonb_build_object('alertId', a.id, 'ruleId', a."ruleId", 'kind', 'response', 'responseId', $2::text) AS payload
            FROM fresh a
            UNION ALL
            SELECT 1, c.ord, c.id, c.topic, c.payload FROM case_messages c) m
          ORDER BY m.part, m.ord
          RETURNING 1)
        SELECT (SELECT count(*) FROM raised)::int AS alerts, (SELECT count(*) FROM opened)::int AS cases,
          (SELECT count(*) FROM announced)::int AS messages`,
      values: [response.workspaceId, response.id, response.score, JSON.stringify(alerts.map((a, ord) => ({ ord, ...a }))), casePart.value],
    });
    return rows[0];
  }
}
