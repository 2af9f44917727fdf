import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from './pg-pool.provider';

/**
 * Whether this database's history tables are partitioned (HISTORY_PARTITIONED converted it: prisma/partitioning).
 * The few statements that relied on ON CONFLICT over a unique key that a partitioned table cannot have ask it and
 * claim the key in cairn_history.unique_keys first there. Asked once per process: a database is converted by the
 * release's migration, before its processes start.
 */
@Injectable()
export class HistoryLayout {
  private answer: Promise<boolean> | null = null;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  partitioned(): Promise<boolean> {
    this.answer ??= this.pool
      .query<{ yes: boolean }>(`SELECT to_regclass('cairn_history.unique_keys') IS NOT NULL AS yes`)
      .then(({ rows }) => rows[0].yes)
      .catch((error: Error) => {
        this.answer = null;
        throw error;
      });
    return this.answer;
  }
}
