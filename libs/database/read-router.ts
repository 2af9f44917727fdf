import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Pool, QueryResultRow } from 'pg';
import { APP_CONFIG, AppConfig } from '@cairn/config';
import type { PrismaClient } from './generated/client';
import { PG_POOL } from './pg-pool.provider';
import { PrismaService } from './prisma.service';
import { PG_READ_POOL, READ_PRISMA } from './read-replica.provider';
import { StatementNames } from './statement-names';

/**
 * ReadRouter.query's statement runs in a transaction of its own that asks for generic plans, in one message: the
 * settings end with the transaction, so nothing else on the connection runs with them, even behind a pooler that
 * hands each transaction to another server connection. Without parallel workers: on history partitioned by month
 * at size (bench:at-size, 10 M answers) the response rate's generic plan gathered two workers that each set up
 * every month's partitions, 78 ms a read for a count that took 1.4 ms without them. These reads are small index
 * probes, many at once on a dashboard; workers only add their start-up.
 */
const GENERIC_PLANS = 'BEGIN; SET LOCAL plan_cache_mode = force_generic_plan; SET LOCAL max_parallel_workers_per_gather = 0';

/** Pause between two looks at the replica's replay position while a read waits for it. */
const POLL_MS = 5;

export type ReadTarget = 'primary' | 'replica';

/**
 * The primary's WAL position that every commit acknowledged so far lies behind. With synchronous_commit on (the
 * default; Cairn never turns it off) a commit is flushed before its client hears of it, so the flush position,
 * which does not move with transactions still running. With it off, a commit may be acknowledged before its
 * flush: the insert position, which the replica only reaches after the next WAL flush (wal_writer_delay).
 */
const FLUSHED = 'SELECT pg_current_wal_flush_lsn()::text AS lsn';
const INSERTED = 'SELECT pg_current_wal_insert_lsn()::text AS lsn';

/**
 * Where a score, map, insight or listing read runs. With a replica
 * (DATABASE_READ_URL) a read goes there only once the replica has replayed
 * every commit the primary had acknowledged when the read began (a WAL
 * position of the primary, compared with the replica's replay position): an answer a
 * person just gave, committed before they looked, is always in what they see.
 * A replica that lags past DATABASE_READ_WAIT_MS, or fails, leaves the read to
 * the primary. Without a replica every read is on the primary, at no cost.
 */
@Injectable()
export class ReadRouter implements OnModuleDestroy {
  private readonly logger = new Logger(ReadRouter.name);
  private readonly counts: Record<ReadTarget, number> = { primary: 0, replica: 0 };
  private readonly names = new StatementNames();
  /** FLUSHED or INSERTED, once the primary's synchronous_commit is known. */
  private positionSql: Promise<string> | null = null;
  /** The look at the primary's position that the reads beginning in this turn of the event loop will share. */
  private nextLook: Promise<ReadTarget> | null = null;
  /** Looks taken at the primary's position so far (for tests: reads that begin together share one). */
  private looks = 0;

  constructor(
    @Inject(PG_POOL) private readonly primary: Pool,
    @Inject(PG_READ_POOL) private readonly replica: Pool | null,
    private readonly prisma: PrismaService,
    @Inject(READ_PRISMA) private readonly replicaPrisma: PrismaClient | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The pool for one read query. */
  private async pool(): Promise<Pool> {
    return (await this.target()) === 'replica' ? this.replica! : this.primary;
  }

  /**
   * One read statement on the routed pool, named after its text (StatementNames) and run with its generic plan:
   * each connection plans it once. Unnamed, a score read's statements were planned on every call: 0.5 ms each on
   * plain tables, and 5-15 ms each on history partitioned by month, where the planner weighs every month's
   * partitions; the response rate took 12 ms to plan and 0.2 ms to run (pg_stat_statements under bench:at-size).
   * Named alone, Postgres still planned nearly every call afresh: the bound values make each custom plan look
   * cheaper than the generic one (an estimate: run, the generic plan of the response rate took 1.2 ms with every
   * partition locked), so the generic plan is asked for, for this statement only (GENERIC_PLANS).
   */
  async query<R extends QueryResultRow>(sql: { text: string; values: unknown[] }): Promise<R[]> {
    const { text, values } = sql;
    const client = await (await this.pool()).connect();
    let broken: Error | undefined;
    try {
      await client.query(GENERIC_PLANS);
      const { rows } = await client.query<R>({ name: this.names.nameOf(text, values.length), text, values });
      await client.query('COMMIT');
      return rows;
    } catch (error) {
      // A connection that cannot be rolled back leaves the pool rather than carry the setting or the transaction on.
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** The Prisma client for one read query. */
  async client(): Promise<PrismaClient> {
    return (await this.target()) === 'replica' ? this.replicaPrisma! : this.prisma;
  }

  /** Reads routed so far, by target, and the looks at the primary's position they took (for /metrics and tests). */
  routed(): Readonly<Record<ReadTarget | 'looks', number>> {
    return { ...this.counts, looks: this.looks };
  }

  private async target(): Promise<ReadTarget> {
    const target = this.replica ? await this.sharedLook() : 'primary';
    this.counts[target] += 1;
    return target;
  }

  /**
   * Reads that begin in the same turn of the event loop (the queries of one
   * journey map or score, run together) share one look at the primary's
   * position and the replica's replay. It is taken after all of them began,
   * so it covers every commit acknowledged before any of them, as a look of
   * each one's own would; a read beginning later waits for the next look.
   */
  private sharedLook(): Promise<ReadTarget> {
    this.nextLook ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.nextLook = null;
      this.looks += 1;
      return this.caughtUp().catch((error: Error) => this.replicaFailed(error));
    });
    return this.nextLook;
  }

  private async caughtUp(): Promise<ReadTarget> {
    this.positionSql ??= this.primary
      .query<{ setting: string }>(`SELECT current_setting('synchronous_commit') AS setting`)
      .then(({ rows }) => (rows[0].setting === 'off' ? INSERTED : FLUSHED))
      .catch((error: Error) => {
        this.positionSql = null;
        throw error;
      });
    const { rows } = await this.primary.query<{ lsn: string }>(await this.positionSql);
    const deadline = Date.now() + this.config.databaseReadWaitMs;
    for (;;) {
      const replayed = await this.replica!.query<{ ok: boolean | null }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [
        rows[0].lsn,
      ]);
      if (replayed.rows[0].ok === true) return 'replica';
      // null: not a replica at all (promoted, or misconfigured): its data may be anything, so never read there.
      if (replayed.rows[0].ok === null || Date.now() >= deadline) return 'primary';
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private replicaFailed(error: Error): ReadTarget {
    this.logger.warn(`replica unavailable, reading from the primary: ${error.message}`);
    return 'primary';
  }

  async onModuleDestroy(): Promise<void> {
    await this.replicaPrisma?.$disconnect();
    await this.replica?.end();
  }
}
