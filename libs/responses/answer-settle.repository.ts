import { Injectable } from '@nestjs/common';
import type { Metric } from '@cairn/database';
import { Tx } from '@cairn/database';

export interface SettlingAnswer {
  workspaceId: string;
  metric: Metric;
  score: number;
  /** The score alerts last acted on; null when none did yet. */
  settledScore: number | null;
}

/** Answers whose steps are coming to rest. */
@Injectable()
export class AnswerSettleRepository {
  /**
   * The answer, locked, if it is still settling and no save came after the one at `savedAt` (that later save's own
   * job settles it). Comparing the stored instant rather than clocks keeps an API and a worker with skewed clocks
   * from settling too early or never.
   */
  async lockUnchangedSince(tx: Tx, responseId: string, savedAt: Date): Promise<SettlingAnswer | null> {
    const [row] = await tx.$queryRaw<SettlingAnswer[]>`
      SELECT workspace_id AS "workspaceId", metric::text AS metric, score, settled_score AS "settledScore"
        FROM responses
       WHERE id = ${responseId} AND settling AND updated_at = (${savedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC')
         FOR UPDATE`;
    return row ?? null;
  }
}
