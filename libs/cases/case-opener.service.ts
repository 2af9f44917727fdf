import { Injectable } from '@nestjs/common';
import { uuid7 } from '@cairn/common';
import { JobName, JobIds } from '@cairn/jobs';

export interface CaseSource {
  workspaceId: string;
  response: { id: string; personId: string | null; touchpointId: string | null };
  /** When it opens: its SLA runs from here. */
  at: Date;
}

/** The case-opening part of a caller's statement: its CTEs and the one jsonb value they read. */
export interface CaseOpenPart {
  ctes: string;
  value: string;
}

/**
 * Opens the one case a detractor response can ever have (cases.response_id
 * is unique) in the same statement as the alert that opens it, so the alert
 * and its case commit together or not at all, with no transaction held open
 * across round trips. The caller's statement defines `case_source(alert_id)`
 * (no row: nothing opens) and inserts `case_messages(ord, id, topic,
 * payload)` into the outbox: case.opened and one email job per CX manager
 * who wants one. `opened(id)` holds the new case, if any.
 */
@Injectable()
export class CaseOpenerService {
  /** `param` is the position ($n) of `value` in the caller's statement; the text depends only on it. */
  part(source: CaseSource, param: number): CaseOpenPart {
    const caseId = uuid7();
    const value = {
      caseId,
      eventId: uuid7(),
      workspaceId: source.workspaceId,
      responseId: source.response.id,
      personId: source.response.personId,
      touchpointId: source.response.touchpointId,
      at: source.at.toISOString(),
      emailJob: JobName.SendCaseEmail,
      // JobIds.sendCaseEmail(caseId, userId) with the user's id appended in SQL.
      emailJobIdPrefix: JobIds.sendCaseEmail(caseId, ''),
    };
    return { ctes: caseOpenCtes(param), value: JSON.stringify(value) };
  }
}

function caseOpenCtes(p: number): string {
  return `
  case_values AS (
    SELECT * FROM jsonb_to_record($${p}::jsonb) AS v("caseId" text, "eventId" text, "workspaceId" text, "responseId" text,
      "personId" text, "touchpointId" text, at timestamptz, "emailJob" text, "emailJobIdPrefix" text)),
  opened AS (
    INSERT INTO cases (id, workspace_id, alert_id, response_id, person_id, touchpoint_id, status, due_at, created_at, updated_at)
    SELECT v."caseId", v."workspaceId", s.alert_id, v."responseId", v."personId", v."touchpointId", 'open',
      (v.at AT TIME ZONE 'UTC') + make_interval(hours => w.case_sla_hours), v.at AT TIME ZONE 'UTC', v.at AT TIME ZONE 'UTC'
    FROM case_source s, case_values v JOIN workspaces w ON w.id = v."workspaceId"
    ON CONFLICT (response_id) DO NOTHING
    RETURNING id),
  case_messages AS (
    SELECT 0 AS ord, v."eventId" AS id, 'case.opened' AS topic,
      jsonb_build_object('caseId', o.id, 'responseId', v."responseId", 'status', 'open') AS payload
    FROM opened o, case_values v
    UNION ALL
    -- A job row's id is only a key (jobs are queued under payload.jobId), so a random one does.
    SELECT row_number() OVER (ORDER BY u.id), gen_random_uuid()::text, 'job',
      jsonb_build_object('job', jsonb_build_object('name', v."emailJob", 'data', jsonb_build_object('caseId', o.id, 'userId', u.id)),
        'jobId', v."emailJobIdPrefix" || u.id, 'runAt', NULL)
    FROM opened o, case_values v
    JOIN users u ON u.workspace_id = v."workspaceId" AND u.role IN ('admin', 'manager') AND u.notify_on_case AND u.disabled_at IS NULL)`;
}
