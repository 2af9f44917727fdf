import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { answerMonths, answersDatedSql } from './answer-months';
import type { Prisma } from './generated/client';
import { PG_POOL } from './pg-pool.provider';

/**
 * What the statements that depend on the history tables' layout ask of it (prisma/partitioning). Each answer is
 * asked once per process: a database is converted by the release's migration, before its processes start.
 */
@Injectable()
export class HistoryLayout {
  private readonly answers = new Map<string, Promise<boolean>>();

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Whether the history tables are partitioned (HISTORY_PARTITIONED converted them). The few statements that relied
   * on ON CONFLICT over a unique key that a partitioned table cannot have ask it and claim the key in
   * cairn_history.unique_keys first there.
   */
  partitioned(): Promise<boolean> {
    return this.ask(`SELECT to_regclass('cairn_history.unique_keys') IS NOT NULL AS yes`);
  }

  /**
   * Whether every month's partition of responses holds only answers dated in its month, a day either side (a valid
   * CHECK each: prisma/partitioning/004_dated_answer_months.sql): then a read of answers by date may name its months
   * by id range (answersDatedSql). False on plain tables. Months made later are made with their CHECK.
   */
  datedAnswerMonths(): Promise<boolean> {
    return this.ask(DATED_MONTHS_SQL);
  }

  /**
   * The answers to read by date in [from, to), as a FROM item (answersDatedSql): only the range's months where
   * months may be named, else responses itself. The caller still filters by created_at.
   */
  async answersDated(from: Date, to: Date): Promise<Prisma.Sql> {
    return answersDatedSql((await this.datedAnswerMonths()) ? answerMonths(from.getTime(), to.getTime()) : null);
  }

  /** One yes-or-no question about the layout, asked once (again after a failure). */
  private ask(sql: string): Promise<boolean> {
    let answer = this.answers.get(sql);
    if (!answer) {
      answer = this.pool
        .query<{ yes: boolean }>(sql)
        .then(({ rows }) => rows[0].yes)
        .catch((error: Error) => {
          this.answers.delete(sql);
          throw error;
        });
      this.answers.set(sql, answer);
    }
    return answer;
  }
}

const DATED_MONTHS_SQL = `SELECT to_regclass('cairn_history.responses_default') IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'public.responses'::regclass AND c.relname <> 'responses_default'
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.conname = c.relname || '_dated' AND k.convalidated)
  ) AS yes`;
