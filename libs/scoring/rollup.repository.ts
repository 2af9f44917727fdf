import { Injectable } from '@nestjs/common';
import { PrismaService, Tx, Prisma } from '@cairn/database';
import type { Metric } from '@cairn/database';

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

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
// 1970-01-01 was a Thursday: ISO weeks (Monday 00:00 UTC) start 4 days off the epoch.
const MONDAY_MS = 4 * DAY_MS;

// Hourly rows let any whole-hour range (and so any whole-hour time zone) be
// regrouped exactly; daily and weekly rows make long ranges cheap.
const LEVELS = [
  { table: Prisma.raw('score_rollups'), size: HOUR_MS, offset: 0, trunc: Prisma.raw(`'hour'`) },
  { table: Prisma.raw('score_rollups_daily'), size: DAY_MS, offset: 0, trunc: Prisma.raw(`'day'`) },
  { table: Prisma.raw('score_rollups_weekly'), size: WEEK_MS, offset: MONDAY_MS, trunc: Prisma.raw(`'week'`) },
] as const;

/**
 * Counts per score value per touchpoint and metric, per UTC hour, UTC day and
 * ISO week, kept in the same transaction as the response so they always equal
 * a recount of the raw rows.
 */
@Injectable()
export class RollupRepository {
  constructor(private readonly prisma: PrismaService) {}

  async apply(tx: Tx, change: RollupChange): Promise<void> {
    if (change.from === change.to) return;
    const steps = [
      ...(change.from === null ? [] : [{ score: change.from, delta: -1 }]),
      ...(change.to === null ? [] : [{ score: change.to, delta: 1 }]),
    ].sort((a, b) => a.score - b.score);
    // Always the same row order (hour, day, week; low score before high), so
    // two concurrent edits of one hour cannot deadlock on each other's rows.
    for (const level of LEVELS) {
      const bucket = truncate(change.at, level.size, level.offset).toISOString();
      for (const { score, delta } of steps) {
        await tx.$executeRaw`
          INSERT INTO ${level.table} (touchpoint_id, metric, bucket, score, count)
          VALUES (${change.touchpointId}, ${change.metric}::"Metric", ${bucket}::timestamp, ${score}, ${delta})
          ON CONFLICT (touchpoint_id, metric, bucket, score) DO UPDATE SET count = ${level.table}.count + ${delta}`;
      }
    }
  }

  /**
   * Recomputes the rollups from raw responses (after bulk imports and seeding).
   * Written in key order so that one touchpoint's rows sit together on disk.
   */
  async rebuild(touchpointIds?: string[]): Promise<void> {
    const only = touchpointIds ? Prisma.sql`WHERE touchpoint_id = ANY(${touchpointIds})` : Prisma.empty;
    await this.prisma.$transaction(
      async (tx) => {
        for (const level of LEVELS) await tx.$executeRaw`DELETE FROM ${level.table} ${only}`;
        await tx.$executeRaw`
        INSERT INTO score_rollups (touchpoint_id, metric, bucket, score, count)
        SELECT touchpoint_id, metric, date_trunc('hour', created_at), score, count(*)::int
        FROM responses ${only} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
        for (const level of LEVELS.slice(1)) {
          await tx.$executeRaw`
          INSERT INTO ${level.table} (touchpoint_id, metric, bucket, score, count)
          SELECT touchpoint_id, metric, date_trunc(${level.trunc}, bucket), score, sum(count)::int
          FROM score_rollups ${only} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
        }
      },
      { timeout: 3_600_000, maxWait: 60_000 },
    );
  }
}

export function hourOf(at: Date): Date {
  return truncate(at, HOUR_MS, 0);
}

function truncate(at: Date, size: number, offset: number): Date {
  return new Date(Math.floor((at.getTime() - offset) / size) * size + offset);
}
