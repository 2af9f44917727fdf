import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../database/prisma.service';
import type { Metric } from '../database/generated/enums';

export interface RollupChange {
  touchpointId: string;
  metric: Metric;
  /** The response's createdAt: a response stays in its hour when edited. */
  at: Date;
  /** Score before the change (null for a new response). */
  from: number | null;
  /** Score after the change (null when a response is removed). */
  to: number | null;
}

/**
 * Hourly counts per score value, kept in the same transaction as the
 * response so they always equal a recount of the raw rows.
 */
@Injectable()
export class RollupRepository {
  constructor(private readonly prisma: PrismaService) {}

  async apply(tx: Tx, change: RollupChange): Promise<void> {
    if (change.from === change.to) return;
    const bucket = hourOf(change.at);
    if (change.from !== null) {
      await tx.$executeRaw`
        UPDATE score_rollups SET count = count - 1
        WHERE touchpoint_id = ${change.touchpointId} AND metric = ${change.metric}::"Metric"
          AND bucket = ${bucket} AND score = ${change.from}`;
    }
    if (change.to !== null) {
      await tx.$executeRaw`
        INSERT INTO score_rollups (touchpoint_id, metric, bucket, score, count)
        VALUES (${change.touchpointId}, ${change.metric}::"Metric", ${bucket}, ${change.to}, 1)
        ON CONFLICT (touchpoint_id, metric, bucket, score) DO UPDATE SET count = score_rollups.count + 1`;
    }
  }

  /** Recomputes the rollups from raw responses (after bulk imports and seeding). */
  async rebuild(touchpointIds?: string[]): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      if (touchpointIds) {
        await tx.$executeRaw`DELETE FROM score_rollups WHERE touchpoint_id = ANY(${touchpointIds})`;
        await tx.$executeRaw`
          INSERT INTO score_rollups (touchpoint_id, metric, bucket, score, count)
          SELECT touchpoint_id, metric, date_trunc('hour', created_at), score, count(*)::int
          FROM responses WHERE touchpoint_id = ANY(${touchpointIds})
          GROUP BY 1, 2, 3, 4`;
      } else {
        await tx.$executeRaw`DELETE FROM score_rollups`;
        await tx.$executeRaw`
          INSERT INTO score_rollups (touchpoint_id, metric, bucket, score, count)
          SELECT touchpoint_id, metric, date_trunc('hour', created_at), score, count(*)::int
          FROM responses GROUP BY 1, 2, 3, 4`;
      }
    }, { timeout: 600_000 });
  }
}

export function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
}
