import { uuid7Time } from '@cairn/common';
import { Prisma } from './generated/client';
import { sqlLiteral } from './sql-literal';

const DAY_MS = 86_400_000;
/** The most a uuidv7's 48 bits of milliseconds hold. */
const MAX_MS = 2 ** 48 - 1;

/** Ids [lo, hi): the months of partitions of responses that may hold answers dated in a range. */
export interface AnswerMonths {
  lo: string;
  hi: string;
}

/**
 * The months whose partitions of responses may hold answers created in [from, to) (epoch ms), as the id range they
 * span. A month's partition holds answers dated in it, a day either side (its CHECK, made by
 * prisma/partitioning/004_dated_answer_months.sql), so the range starts at the month of `from` less a day and ends
 * after the month of `to` plus a day. Bounds are smallest uuidv7s of a month's first millisecond, as the partitions'
 * own bounds are (cairn_history.month_id).
 */
export function answerMonths(from: number, to: number): AnswerMonths {
  return { lo: smallestId(monthStart(from - DAY_MS, 0)), hi: smallestId(monthStart(to - 1 + DAY_MS, 1)) };
}

/**
 * The answers to read by date, as a FROM item to alias: `responses` itself, or, where months may be named
 * (HistoryLayout.datedAnswerMonths), the months in range by id (Postgres plans only their partitions, and the
 * default one where the range has months with no partition of their own) and the rest of the default partition,
 * whose ids say nothing of their dates. The two parts share no row. The caller still filters by created_at.
 *
 * The bounds are written into the text, not bound: the reads run generic plans (ReadRouter), where a range of bound
 * ids looks as selective as any range (0.5 %), so Postgres read each month's whole primary key to AND it with the
 * touchpoint's index (at size: 22 ms a month, a journey map 3.9 s). As literals, the planner sees that each month it
 * keeps lies wholly inside the range, and prunes the others when planning. A statement's text changes only with its
 * months (ReadRouter names at most 500 texts a process).
 */
export function answersDatedSql(months: AnswerMonths | null): Prisma.Sql {
  if (!months) return Prisma.sql`responses`;
  const lo = Prisma.raw(sqlLiteral(months.lo));
  const hi = Prisma.raw(sqlLiteral(months.hi));
  return Prisma.sql`(SELECT * FROM responses WHERE id >= ${lo} AND id < ${hi}
    UNION ALL SELECT * FROM cairn_history.responses_default WHERE id < ${lo} OR id >= ${hi})`;
}

/** The first millisecond (UTC) of the month `ms` falls in, or of the `later`th month after it. */
function monthStart(ms: number, later: number): number {
  const at = new Date(Math.min(Math.max(ms, 0), MAX_MS));
  return Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + later, 1);
}

function smallestId(ms: number): string {
  return `${uuid7Time(ms)}-0000-0000-000000000000`;
}
