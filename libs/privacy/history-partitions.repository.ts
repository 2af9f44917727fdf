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

  /** Whether the history tables are partitioned (HISTORY_PARTITIONED converted this database). */
  async partitioned(): Promise<boolean> {
    const { rows } = await this.pool.query<{ yes: boolean }>(`SELECT to_regclass('cairn_history.partitioned_tables') IS NOT NULL AS yes`);
    return rows[0].yes;
  }

  /** Makes this month's partitions and `ahead` more; returns those that could not be made (their rows sit in the default partition). */
  async ensure(ahead: number, now: Date): Promise<string[]> {
    // Creating a partition locks its parent: waiting behind a long query would hold up every writer queued behind us.
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SET LOCAL lock_timeout = '5s'");
      const { rows } = await client.query<{ name: string }>('SELECT cairn_history.ensure_partitions($1, $2) AS name', [ahead, now]);
      await client.query('COMMIT');
      return rows.map((r) => r.name);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The months whose partitions lie wholly before `cutoff`, oldest first. */
  async expiredMonths(cutoff: Date): Promise<Date[]> {
    const { rows } = await this.pool.query<{ m: Date }>('SELECT cairn_history.expired_months($1) AS m', [cutoff]);
    return rows.map((r) => r.m);
  }

  /** Drops one month of every droppable table in one transaction; the partitions dropped (none while the month still has work). */
  async dropMonth(month: Date): Promise<string[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ name: string }>('SELECT cairn_history.drop_month($1) AS name', [month]);
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
