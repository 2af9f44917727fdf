import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '@cairn/database';
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

/** The case of an edited answer, read and locked with what deciding on it needs. */
@Injectable()
export class CaseFollowRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Most answers have no case: one indexed lookup before any transaction. */
  async caseIdOfResponse(responseId: string): Promise<string | null> {
    const row = await this.prisma.case.findUnique({ where: { responseId }, select: { id: true } });
    return row?.id ?? null;
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
