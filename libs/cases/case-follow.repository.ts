import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL, Tx } from '@cairn/database';
import type { Metric } from '@cairn/scoring';

export interface FollowState {
  caseId: string;
  workspaceId: string;
  status: 'open' | 'in_progress' | 'resolved';
  assignee: string | null;
  autoResolved: boolean;
  lastScore: number | null;
  alertScore: number | null;
  threshold: number | null;
  score: number;
  metric: Metric;
  answeredAt: Date;
  autoResolve: boolean;
}

/** What deciding needs, read without a lock (`peek`). */
export type FollowDecisionState = Pick<
  FollowState,
  'status' | 'autoResolved' | 'lastScore' | 'alertScore' | 'threshold' | 'score' | 'metric' | 'autoResolve'
>;

/** The case of an edited answer, read and locked with what deciding on it needs. */
@Injectable()
export class CaseFollowRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Most answers have no case: one indexed lookup before any transaction (named, on the pool: it runs per edit). */
  async caseIdOfResponse(responseId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ id: string }>({
      name: 'case-follow-case-of-response',
      text: 'SELECT id FROM cases WHERE response_id = $1',
      values: [responseId],
    });
    return rows[0]?.id ?? null;
  }

  /**
   * The decision's inputs as they are now, without a lock or a transaction: every opened case is checked once, and
   * nearly always nothing crossed, so the locked read below runs only when this one finds a crossing.
   */
  async peek(caseId: string): Promise<FollowDecisionState | null> {
    const { rows } = await this.pool.query<FollowDecisionState>({
      name: 'case-follow-peek',
      text: `SELECT c.status::text AS status, c.auto_resolved AS "autoResolved", c.last_score AS "lastScore",
             a.value::int AS "alertScore", (a.details->>'scoreAtMost')::int AS threshold,
             CASE WHEN r.settling THEN r.settled_score ELSE r.score END AS score, r.metric::text AS metric, w.case_auto_resolve AS "autoResolve"
        FROM cases c
        JOIN responses r ON r.id = c.response_id
        JOIN workspaces w ON w.id = c.workspace_id
        LEFT JOIN alerts a ON a.id = c.alert_id
       WHERE c.id = $1`,
      values: [caseId],
    });
    return rows[0] ?? null;
  }

  /**
   * Locks the case row (edits of one answer decide one after another) and reads its answer's settled score as it is
   * now: steps the answer page saves on the way (3 → 4 → … → 9) are not followed one by one, only where they rest.
   */
  async lock(tx: Tx, caseId: string): Promise<FollowState | null> {
    const [row] = await tx.$queryRaw<FollowState[]>`
      SELECT c.id AS "caseId", c.workspace_id AS "workspaceId", c.status::text AS status, c.assignee,
             c.auto_resolved AS "autoResolved", c.last_score AS "lastScore",
             a.value::int AS "alertScore", (a.details->>'scoreAtMost')::int AS threshold,
             CASE WHEN r.settling THEN r.settled_score ELSE r.score END AS score, r.metric::text AS metric, r.updated_at AS "answeredAt", w.case_auto_resolve AS "autoResolve"
        FROM cases c
        JOIN responses r ON r.id = c.response_id
        JOIN workspaces w ON w.id = c.workspace_id
        LEFT JOIN alerts a ON a.id = c.alert_id
       WHERE c.id = ${caseId}
         FOR UPDATE OF c`;
    return row ?? null;
  }
}
