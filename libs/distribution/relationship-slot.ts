// When a relationship survey asks each person: once per period of `everyDays`, at an offset into the period that
// depends only on the survey and the person. A redeploy, a restart or a second worker computes the same instant, so
// nobody is asked twice and the asks are spread evenly over the period. The same function is written twice, here
// and in SQL (SLOT_OFFSET_SQL, used by the scheduler's statements); a test holds the two equal.
import { createHash } from 'node:crypto';

export const DAY_SECONDS = 86_400;
const DAY_MS = DAY_SECONDS * 1000;

/** The person's offset into every period, in whole seconds in [0, everyDays × 86400): 48 bits of md5(survey:person) mod the period. */
export function slotOffsetSeconds(surveyId: string, personId: string, everyDays: number): number {
  const hash = createHash('md5').update(`${surveyId}:${personId}`).digest('hex');
  // 48 bits stay exact in a double; the modulo bias over a period of at most 730 days (6.3e7 s) is below 1e-6.
  return parseInt(hash.slice(0, 12), 16) % (everyDays * DAY_SECONDS);
}

/** The same offset in SQL, for `survey_id` and `person_id` text expressions and an integer every_days. */
export function slotOffsetSql(surveyId: string, personId: string, everyDays: string): string {
  return `((('x' || substr(md5(${surveyId} || ':' || ${personId}), 1, 12))::bit(48)::bigint) % (${everyDays}::bigint * ${DAY_SECONDS}))`;
}

export interface Schedule {
  everyDays: number;
  /** Start of period 0 (the survey's creation). */
  anchor: Date;
}

/** The period `at` falls in (0 at the anchor); negative before it. */
export function periodIndexAt(schedule: Schedule, at: Date): number {
  return Math.floor((at.getTime() - schedule.anchor.getTime()) / (schedule.everyDays * DAY_MS));
}

export function periodStart(schedule: Schedule, period: number): Date {
  return new Date(schedule.anchor.getTime() + period * schedule.everyDays * DAY_MS);
}

/** The instant the person is asked in `period`. */
export function slotAt(schedule: Schedule, period: number, offsetSeconds: number): Date {
  return new Date(periodStart(schedule, period).getTime() + offsetSeconds * 1000);
}
