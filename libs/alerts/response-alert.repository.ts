import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { CaseOpenPart } from '@cairn/cases';
import { PG_POOL } from '@cairn/database';

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

  async raise(
    response: { id: string; workspaceId: string; score: number },
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
