import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@cairn/database';

/**
 * The monthly partitions of the history tables (prisma/partitioning/001_monthly_history.sql). The SQL functions
 * there do the work: they are the same code the conversion uses, and Postgres checks what they detach.
 */
@Injectable()
export class HistoryPartitionsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Makes this month's partitions and `ahead` more; returns those that could not be made (their rows sit in the default partition). */
  ensure(ahead: number, now: Date): Promise<string[]> {
    // Creating a partition locks its parent: waiting behind a long query would hold up every writer queued behind us.
    return this.names("SET LOCAL lock_timeout = '5s'", 'SELECT cairn_history.ensure_partitions($1, $2) AS name', [ahead, now]);
  }

  /** The months whose partitions lie wholly before `cutoff`, oldest first. */
  async expiredMonths(cutoff: Date): Promise<Date[]> {
    const { rows } = await this.pool.query<{ m: Date }>('SELECT cairn_history.expired_months($1) AS m', [cutoff]);
    return rows.map((r) => r.m);
  }

  /** Drops one month of every droppable table in one transaction; the partitions dropped (none while the month still has work). */
  dropMonth(month: Date): Promise<string[]> {
    return this.names(null, 'SELECT cairn_history.drop_month($1) AS name', [month]);
  }

  /** One of the partition functions in a transaction of its own (after `setup`, if any): the names it returned. */
  private async names(setup: string | null, sql: string, values: unknown[]): Promise<string[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (setup) await client.query(setup);
      const { rows } = await client.query<{ name: string }>(sql, values);
      await client.query('COMMIT');
      return rows.map((r) => r.name);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
