import { Injectable } from '@nestjs/common';
import { PrismaService, Tx, Prisma } from '@cairn/database';
import type { Metric } from '@cairn/database';

export interface RollupChange {
  /** Null for an answer to a relationship survey: those are in no touchpoint's counts (nothing is written). */
  touchpointId: string | null;
  metric: Metric;
  /** The response's createdAt: a response stays in its hour when edited. */
  at: Date;
  /** Score before the change (null for a new response). */
  from: number | null;
  /** Score after the change (null when a response is removed). */
  to: number | null;
}

/** Deltas folded per statement: a second of answers at full speed fits in one. */
const FOLD_BATCH = 20_000;

// Hourly rows let any whole-hour range (and so any whole-hour time zone) be
// regrouped exactly; daily and ISO-weekly rows (Monday 00:00 UTC, as
// date_trunc('week') gives) make long ranges cheap.
const LEVELS = [
  { table: Prisma.raw('score_rollups'), trunc: Prisma.raw(`'hour'`) },
  { table: Prisma.raw('score_rollups_daily'), trunc: Prisma.raw(`'day'`) },
  { table: Prisma.raw('score_rollups_weekly'), trunc: Prisma.raw(`'week'`) },
] as const;

/** Postgres advisory-lock key of the one folder at a time (any int; 'fold' in ASCII). */
const FOLD_LOCK = 0x666f6c64;

/**
 * Counts per score value per touchpoint and metric, per UTC hour, UTC day and
 * ISO week. A change is appended to score_rollup_deltas in the transaction of
 * the response (no shared row is updated there, so concurrent answers to one
 * touchpoint never wait on each other) and folded into the three levels in
 * batches by one writer; reads add the deltas still pending, so counts always
 * equal a recount of the raw rows.
 */
@Injectable()
export class RollupRepository {
  constructor(private readonly prisma: PrismaService) {}

  async apply(tx: Tx, change: RollupChange): Promise<void> {
    if (change.from === change.to || change.touchpointId === null) return;
    const steps = [
      ...(change.from === null ? [] : [{ score: change.from, delta: -1 }]),
      ...(change.to === null ? [] : [{ score: change.to, delta: 1 }]),
    ];
    await tx.$executeRaw`
      INSERT INTO score_rollup_deltas (touchpoint_id, metric, at, score, delta)
      SELECT ${change.touchpointId}, ${change.metric}::"Metric", ${change.at.toISOString()}::timestamp, d.score, d.delta
      FROM unnest(${steps.map((s) => s.score)}::int[], ${steps.map((s) => s.delta)}::int[]) AS d(score, delta)`;
  }

  /**
   * Counts responses just inserted in this transaction, given by id, in one
   * statement: one delta per touchpoint, metric, hour and score rather than
   * one per response (an import of 5,000 past answers adds a few hundred).
   * The hour is all a fold or a read needs of `at` (rollup reads cover whole hours).
   */
  async applyNew(tx: Tx, responseIds: string[]): Promise<void> {
    if (!responseIds.length) return;
    await tx.$executeRaw`
      INSERT INTO score_rollup_deltas (touchpoint_id, metric, at, score, delta)
      SELECT touchpoint_id, metric, date_trunc('hour', created_at), score, count(*)::int
      FROM responses WHERE id = ANY(${responseIds}::text[]) AND touchpoint_id IS NOT NULL
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
  }

  /**
   * Moves up to `limit` pending deltas into the hour, day and week rows in one
   * statement (so readers see each delta either pending or folded, never both
   * or neither). Only one folder runs at a time: another caller folds nothing
   * and returns 0. Deltas of transactions still open are left for next time.
   */
  async fold(limit = FOLD_BATCH): Promise<number> {
    const [row] = await this.prisma.$queryRaw<Array<{ moved: number }>>`
      WITH lock AS (SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS got),
      moved AS (
        DELETE FROM score_rollup_deltas WHERE seq IN (
          SELECT seq FROM score_rollup_deltas WHERE (SELECT got FROM lock) ORDER BY seq LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING touchpoint_id, metric, at, score, delta),
      hourly AS (
        SELECT touchpoint_id, metric, date_trunc('hour', at) AS bucket, score, sum(delta)::int AS n FROM moved GROUP BY 1, 2, 3, 4),
      h AS (
        INSERT INTO score_rollups AS r (touchpoint_id, metric, bucket, score, count)
        SELECT touchpoint_id, metric, bucket, score, n FROM hourly WHERE n <> 0 ORDER BY 1, 2, 3, 4
        ON CONFLICT (touchpoint_id, metric, bucket, score) DO UPDATE SET count = r.count + excluded.count),
      d AS (
        INSERT INTO score_rollups_daily AS r (touchpoint_id, metric, bucket, score, count)
        SELECT touchpoint_id, metric, date_trunc('day', bucket), score, sum(n)::int FROM hourly GROUP BY 1, 2, 3, 4
        HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
        ON CONFLICT (touchpoint_id, metric, bucket, score) DO UPDATE SET count = r.count + excluded.count),
      w AS (
        INSERT INTO score_rollups_weekly AS r (touchpoint_id, metric, bucket, score, count)
        SELECT touchpoint_id, metric, date_trunc('week', bucket), score, sum(n)::int FROM hourly GROUP BY 1, 2, 3, 4
        HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
        ON CONFLICT (touchpoint_id, metric, bucket, score) DO UPDATE SET count = r.count + excluded.count)
      SELECT count(*)::int AS moved FROM moved`;
    return row.moved;
  }

  /** Folds until nothing is pending (or another folder holds the lock); tests and seeding use it to read settled rollups. */
  async foldAll(): Promise<number> {
    let total = 0;
    for (let moved = await this.fold(); moved > 0; moved = await this.fold()) total += moved;
    return total;
  }

  countPending(): Promise<number> {
    return this.prisma.scoreRollupDelta.count();
  }

  /**
   * Recomputes the rollups from raw responses (after bulk imports and seeding)
   * and drops the pending deltas those responses already account for. One
   * snapshot (repeatable read) decides both, and the fold lock keeps the
   * folder out; a fold that committed while the lock was awaited makes the
   * snapshot stale, which Postgres reports as a serialization failure: retried.
   * Written in key order so that one touchpoint's rows sit together on disk.
   */
  async rebuild(touchpointIds?: string[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.rebuildOnce(touchpointIds);
      } catch (error) {
        if (attempt >= 5 || !isSerializationFailure(error)) throw error;
      }
    }
  }

  private async rebuildOnce(touchpointIds?: string[]): Promise<void> {
    const only = touchpointIds ? Prisma.sql`WHERE touchpoint_id = ANY(${touchpointIds})` : Prisma.empty;
    // Relationship answers (no touchpoint) are in no rollup, as no delta of theirs is ever written.
    const counted = touchpointIds ? only : Prisma.sql`WHERE touchpoint_id IS NOT NULL`;
    await this.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT pg_advisory_xact_lock(${FOLD_LOCK})::text`;
        await tx.$executeRaw`DELETE FROM score_rollup_deltas ${only}`;
        for (const level of LEVELS) await tx.$executeRaw`DELETE FROM ${level.table} ${only}`;
        await tx.$executeRaw`
        INSERT INTO score_rollups (touchpoint_id, metric, bucket, score, count)
        SELECT touchpoint_id, metric, date_trunc('hour', created_at), score, count(*)::int
        FROM responses ${counted} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
        for (const level of LEVELS.slice(1)) {
          await tx.$executeRaw`
          INSERT INTO ${level.table} (touchpoint_id, metric, bucket, score, count)
          SELECT touchpoint_id, metric, date_trunc(${level.trunc}, bucket), score, sum(count)::int
          FROM score_rollups ${only} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
        }
      },
      { timeout: 3_600_000, maxWait: 60_000, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
    );
  }
}

/** Postgres 40001, however the driver or the ORM wraps it. */
function isSerializationFailure(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return code === '40001' || code === 'P2034' || /could not serialize|40001/i.test(message ?? '');
}
